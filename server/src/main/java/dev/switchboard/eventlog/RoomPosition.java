package dev.switchboard.eventlog;

/** Where an event sits in one room's stream. {@code epoch} is null where it was not read (idempotent repeats). */
public record RoomPosition(String room, String epoch, long offset) {
}
