package dev.cobra.wire.ami;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes {@link AmiFrame}s: a banner as one CRLF line, a message as {@code Name: value} CRLF
 * lines followed by CRLF. Stateless and sharable.
 */
@ChannelHandler.Sharable
public final class AmiEncoder extends MessageToByteEncoder<AmiFrame> {
    public AmiEncoder() {
        super(AmiFrame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, AmiFrame frame, ByteBuf out) {
        if (frame instanceof AmiBanner banner) {
            ByteBufUtil.writeUtf8(out, banner.line());
            out.writeShort(CRLF);
        } else if (frame instanceof AmiMessage message) {
            for (AmiHeader h : message.headers()) {
                ByteBufUtil.writeUtf8(out, h.name());
                out.writeShort(COLON_SPACE);
                ByteBufUtil.writeUtf8(out, h.value());
                out.writeShort(CRLF);
            }
            out.writeShort(CRLF);
        }
    }

    private static final int CRLF = ('\r' << 8) | '\n';
    private static final int COLON_SPACE = (':' << 8) | ' ';
}
