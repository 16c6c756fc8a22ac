package dev.switchboard.model.admin;

/** The answer to a {@link Redelivery}: how many events were sent again. */
public record Redelivered(int sent) {
}
