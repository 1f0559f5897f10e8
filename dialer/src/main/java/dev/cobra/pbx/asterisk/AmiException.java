package dev.cobra.pbx.asterisk;

/** An AMI action could not be carried out: not sent, refused for a limit, timed out, or its session closed. */
public class AmiException extends RuntimeException {
    public AmiException(String message) {
        super(message);
    }

    public AmiException(String message, Throwable cause) {
        super(message, cause);
    }
}
