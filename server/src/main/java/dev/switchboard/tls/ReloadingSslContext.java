package dev.switchboard.tls;

import dev.switchboard.config.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The listeners' current certificate, replaced when its files change. Both listeners ask
 * {@link #current()} (or {@link #newServerEngine()}) for every new connection, so a renewed
 * certificate is served from the next handshake on while open connections keep theirs.
 *
 * <p>A daemon thread compares the files' modification time and size every {@code tls.reload-interval}.
 * A changed set of files is loaded completely (chain, key, and that they belong together) before it
 * replaces the old one; a broken or half-written file is logged once as an error and the old
 * certificate stays in use until the files change again. Listeners are told on that thread, after
 * {@link #current()} already returns the new context.
 *
 * <p>Threads: {@link #current} is read by any thread; {@code seen} is only touched under this
 * object's lock (the reload thread and {@link #checkNow}).
 */
public final class ReloadingSslContext implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReloadingSslContext.class);
    private static final Duration EXPIRY_WARNING = Duration.ofDays(14);

    private final TlsSettings settings;
    private final List<Consumer<SSLContext>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService reloader;
    private volatile ServerCertificate current;
    private List<FileStamp> seen;

    private ReloadingSslContext(TlsSettings settings, ServerCertificate first, List<FileStamp> stamps) {
        this.settings = settings;
        this.current = first;
        this.seen = stamps;
        if (settings.reloadInterval().isZero()) {
            this.reloader = null;
        } else {
            this.reloader = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tls-reload");
                t.setDaemon(true);
                return t;
            });
            long every = settings.reloadInterval().toMillis();
            reloader.scheduleWithFixedDelay(this::checkQuietly, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Loads the certificate now (a broken one stops start-up) and starts watching its files. */
    public static ReloadingSslContext start(TlsSettings settings) throws TlsException {
        List<FileStamp> stamps = FileStamp.of(settings.files());
        ServerCertificate first = ServerCertificate.load(settings);
        log.info("TLS on ({}): {}", settings, first.describe());
        warnIfExpiring(first);
        return new ReloadingSslContext(settings, first, stamps);
    }

    /** The context for the next connection. */
    public SSLContext current() {
        return current.context();
    }

    public ServerCertificate certificate() {
        return current;
    }

    /** A server engine for one new connection, restricted to {@link TlsPolicy}. */
    public SSLEngine newServerEngine() {
        return TlsPolicy.serverEngine(current());
    }

    /** The policy's parameters for engines of the current context. */
    public SSLParameters serverParameters() {
        return TlsPolicy.serverParameters(current());
    }

    /**
     * Calls {@code listener} with the new context after each successful reload (on the reload thread;
     * a listener that throws is logged and the others still run).
     */
    public void addReloadListener(Consumer<SSLContext> listener) {
        listeners.add(listener);
    }

    /**
     * Compares the files with the last look and loads them if they changed; true when a new
     * certificate is now in use. The reload thread calls this; tests and tools may too.
     */
    public synchronized boolean checkNow() {
        List<FileStamp> now = FileStamp.of(settings.files());
        if (now.equals(seen)) {
            return false;
        }
        seen = now; // also for a broken file: it is reported once, not at every look
        ServerCertificate next;
        try {
            next = ServerCertificate.load(settings);
        } catch (TlsException e) {
            log.error("TLS certificate not reloaded, still serving {}: {}", current.describe(), e.getMessage());
            return false;
        }
        current = next;
        log.info("TLS certificate reloaded: {}", next.describe());
        warnIfExpiring(next);
        for (Consumer<SSLContext> l : listeners) {
            try {
                l.accept(next.context());
            } catch (RuntimeException e) {
                log.error("TLS reload listener failed", e);
            }
        }
        return true;
    }

    private void checkQuietly() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            log.error("TLS certificate check failed", e);
        }
    }

    private static void warnIfExpiring(ServerCertificate cert) {
        Instant now = Instant.now();
        if (cert.notAfter().isBefore(now)) {
            log.warn("TLS certificate has expired ({}): clients will refuse it", cert.notAfter());
        } else if (cert.notAfter().isBefore(now.plus(EXPIRY_WARNING))) {
            log.warn("TLS certificate expires soon ({})", cert.notAfter());
        }
    }

    @Override
    public void close() {
        if (reloader != null) {
            reloader.shutdownNow();
        }
    }
}
