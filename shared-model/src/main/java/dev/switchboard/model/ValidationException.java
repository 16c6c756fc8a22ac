package dev.switchboard.model;

/**
 * Valid JSON that breaks a rule of the contract. {@link #field()} names the offending field so that
 * an error message can point the producer at it ("rooms[1]: ...").
 */
public final class ValidationException extends RuntimeException {
    private final String field;

    public ValidationException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
