package dev.switchboard.model.admin;

/** {@code POST /admin/connections/{id}/redeliver}: the request body (offsets {@code from..to} of a room). */
public record Redelivery(String room, long from, long to) {
}
