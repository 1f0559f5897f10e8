package dev.cobra.wire.agi;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/** Writes any {@link AgiFrame} as its {@link AgiFrame#toWire() wire text} in UTF-8. Stateless and sharable. */
@ChannelHandler.Sharable
public final class AgiEncoder extends MessageToByteEncoder<AgiFrame> {
    public AgiEncoder() {
        super(AgiFrame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, AgiFrame msg, ByteBuf out) {
        out.writeCharSequence(msg.toWire(), StandardCharsets.UTF_8);
    }
}
