package dev.switchboard.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

import java.util.Locale;

/**
 * The encoder logback.xml configures: text lines by {@code pattern}, or {@link JsonLineEncoder}'s JSON
 * lines when {@code format} is {@code json} (in any case). A format it does not know logs a warning
 * through logback's status and falls back to text: a typo in {@code SWITCHBOARD_LOG_FORMAT} must not
 * leave the gateway without logs, which an appender chosen by name would.
 */
public final class LogFormatEncoder extends EncoderBase<ILoggingEvent> {
    private String format = "text";
    private String pattern;
    private Encoder<ILoggingEvent> chosen;

    public void setFormat(String format) {
        this.format = format;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        String f = format == null ? "text" : format.trim().toLowerCase(Locale.ROOT);
        if (f.equals("json")) {
            chosen = new JsonLineEncoder();
        } else {
            if (!f.equals("text")) {
                addWarn("unknown log format '" + format + "' (text or json): logging text");
            }
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(pattern);
            chosen = text;
        }
        chosen.setContext(getContext());
        chosen.start();
        super.start();
    }

    @Override
    public void stop() {
        if (chosen != null) {
            chosen.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return chosen.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return chosen.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return chosen.footerBytes();
    }
}
