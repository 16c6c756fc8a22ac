package dev.switchboard.model.admin;

/** The part of {@code GET /api/info} an admin client needs: where the WebSocket port is. */
public record ServerInfo(String node, String version, String wsUrl) {
}
