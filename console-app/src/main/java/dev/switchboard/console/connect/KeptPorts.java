package dev.switchboard.console.connect;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The local gateway's ports, kept in {@code ports.properties} in its folder, so the URLs a user copied
 * (into an app's config, a curl line, a bookmark) still work after the console restarts.
 */
record KeptPorts(int http, int ws) {
    /** The ports kept in {@code file}, or null when none are (first start, or a damaged file). */
    static KeptPorts read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            KeptPorts kept = new KeptPorts(Integer.parseInt(p.getProperty("http", "")), Integer.parseInt(p.getProperty("ws", "")));
            return kept.valid() ? kept : null;
        } catch (IOException | NumberFormatException e) {
            return null; // start on fresh ports; they are written anew
        }
    }

    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("http", Integer.toString(http));
        p.setProperty("ws", Integer.toString(ws));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "the console's local gateway listens on these ports on 127.0.0.1 at every start, while they are free");
        }
    }

    private boolean valid() {
        return http > 0 && http < 65_536 && ws > 0 && ws < 65_536 && http != ws;
    }
}
