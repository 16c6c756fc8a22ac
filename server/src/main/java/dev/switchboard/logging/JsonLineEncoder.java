package dev.switchboard.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.slf4j.event.KeyValuePair;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Writes each log event as one line of JSON for log shippers (Loki, Elasticsearch, Vector): {@code time}
 * (ISO-8601, UTC), {@code level}, {@code logger}, {@code thread}, {@code message}, then every key-value
 * pair the line was logged with ({@code connectionId}, {@code userId}, {@code deviceId}, {@code room}...)
 * as a field of its own, then the MDC, then {@code error} with the stack trace.
 *
 * <p>The fields are flat, unlike logback's own {@code JsonEncoder} (which nests key-value pairs in a
 * list of one-entry objects): shippers index top-level fields without a parsing rule. A pair named like
 * one of the fixed fields is written with a {@code kv_} prefix, so a line never holds a key twice.
 *
 * <p>Chosen by {@link LogFormatEncoder} when {@code SWITCHBOARD_LOG_FORMAT=json}; see README "Monitoring".
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
    private static final Set<String> FIXED = Set.of("time", "level", "logger", "thread", "message", "error");
    private static final byte[] NOTHING = new byte[0];

    private final JsonFactory json = new JsonFactory();

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        try (JsonGenerator out = json.createGenerator(line)) {
            out.writeStartObject();
            out.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            out.writeStringField("level", event.getLevel().toString());
            out.writeStringField("logger", event.getLoggerName());
            out.writeStringField("thread", event.getThreadName());
            out.writeStringField("message", event.getFormattedMessage());
            if (event.getKeyValuePairs() != null) {
                for (KeyValuePair pair : event.getKeyValuePairs()) {
                    writeValue(out, fieldName(pair.key), pair.value);
                }
            }
            for (Map.Entry<String, String> entry : event.getMDCPropertyMap().entrySet()) {
                out.writeStringField(fieldName(entry.getKey()), entry.getValue());
            }
            if (event.getThrowableProxy() != null) {
                out.writeStringField("error", ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        line.write('\n');
        return line.toByteArray();
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }

    /** Whole numbers and booleans as JSON's own, null as null, anything else as its string. */
    private static void writeValue(JsonGenerator out, String field, Object value) throws IOException {
        if (value == null) {
            out.writeNullField(field);
        } else if (value instanceof Long || value instanceof Integer) {
            out.writeNumberField(field, ((Number) value).longValue());
        } else if (value instanceof Boolean b) {
            out.writeBooleanField(field, b);
        } else {
            out.writeStringField(field, value.toString());
        }
    }

    private static String fieldName(String key) {
        return FIXED.contains(key) ? "kv_" + key : key;
    }
}
