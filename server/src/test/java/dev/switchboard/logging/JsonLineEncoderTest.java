package dev.switchboard.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.json.Json;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fields of one JSON log line: values keep their JSON type, and no key appears twice. */
class JsonLineEncoderTest {
    /** The JVM's own logback context: it holds the MDC an event reads. */
    private final Logger logger = ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger("dev.switchboard.gateway.Membership");

    @Test
    void pairsBecomeTypedTopLevelFieldsAndAPairNamedLikeAFixedFieldIsPrefixed() throws Exception {
        LoggingEvent event = new LoggingEvent(getClass().getName(), logger, Level.WARN, "joined {} at {}", null,
                new Object[] {"doc:7", 12});
        List<KeyValuePair> pairs = new ArrayList<>();
        pairs.add(new KeyValuePair("connectionId", "c1"));
        pairs.add(new KeyValuePair("deviceId", null));
        pairs.add(new KeyValuePair("offset", 12L));
        pairs.add(new KeyValuePair("recovered", true));
        pairs.add(new KeyValuePair("message", "not the message"));
        event.setKeyValuePairs(pairs);

        String text = new String(new JsonLineEncoder().encode(event), StandardCharsets.UTF_8);
        assertThat(text).endsWith("}\n").hasLineCount(1);
        JsonNode line = Json.parse(text);
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("logger").asText()).isEqualTo("dev.switchboard.gateway.Membership");
        assertThat(line.get("message").asText()).isEqualTo("joined doc:7 at 12");
        assertThat(line.get("connectionId").asText()).isEqualTo("c1");
        assertThat(line.get("deviceId").isNull()).isTrue();
        assertThat(line.get("offset").isIntegralNumber()).isTrue();
        assertThat(line.get("offset").asLong()).isEqualTo(12);
        assertThat(line.get("recovered").isBoolean()).isTrue();
        assertThat(line.get("kv_message").asText()).isEqualTo("not the message");
        assertThat(line.has("error")).isFalse();
    }

    @Test
    void aStackTraceStaysOnTheOneLine() throws Exception {
        LoggingEvent event = new LoggingEvent(getClass().getName(), logger, Level.ERROR, "commit failed",
                new IllegalStateException("disk full"), null);
        String text = new String(new JsonLineEncoder().encode(event), StandardCharsets.UTF_8);
        assertThat(text).hasLineCount(1);
        assertThat(Json.parse(text).get("error").asText())
                .startsWith("java.lang.IllegalStateException: disk full")
                .contains("\tat dev.switchboard.logging.JsonLineEncoderTest");
    }
}
