package dev.cobra.pbx.asterisk;

/**
 * Asterisk refused the manager login (wrong secret or unknown user: both answer {@code Authentication failed},
 * see ami-login-failure.txt). The message names the server and user, never the secret.
 */
public final class AmiLoginException extends AmiException {
    public AmiLoginException(AsteriskServer server, String asteriskMessage) {
        super("AMI login refused by " + server.describe() + " for user '" + server.username() + "': " + asteriskMessage
                + " (check manager.conf [" + server.username() + "] secret and permit=)");
    }
}
