package dev.switchboard.gateway;

import org.slf4j.spi.LoggingEventBuilder;

/**
 * Log lines about one connection carry its id, user and device as key-value pairs besides the message:
 * the JSON log format ({@code SWITCHBOARD_LOG_FORMAT=json}) writes them as fields a log shipper can
 * filter on, the text format shows the message alone, as before.
 */
final class ConnectionLog {
    private ConnectionLog() {
    }

    /** {@code line} with {@code s}'s connectionId, userId and deviceId (null when the token named no device). */
    static LoggingEventBuilder about(LoggingEventBuilder line, Session s) {
        return line.addKeyValue("connectionId", s.id).addKeyValue("userId", s.userId())
                .addKeyValue("deviceId", s.deviceId);
    }
}
