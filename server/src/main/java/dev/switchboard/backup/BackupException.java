package dev.switchboard.backup;

/** A backup or restore refused or failed; the message says why in words an operator can act on. */
public final class BackupException extends Exception {
    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
