package dev.switchboard.model.admin;

/**
 * Why a device was not sent an event, in a trace's device and a timeline's missed event.
 *
 * @param reason {@code injected_drop}, {@code slow_consumer}, or a leave reason ({@code closed_1000}, {@code left})
 * @param injected true when a fault injected by an admin caused it (QA), not a real failure
 * @param at when it happened, ISO-8601
 */
public record DeliveryDrop(String reason, boolean injected, String at) {
}
