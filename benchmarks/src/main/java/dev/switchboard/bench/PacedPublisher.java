package dev.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;

/**
 * A backend publishing at a steady rate until told to stop: {@link NioLoad}'s paced mode on its own
 * thread ({@code publisher}), its keep-alive connections opened once while the gateway is quiet (a
 * burst of connects to a busy gateway overflows its accept backlog). Each event goes to one room: the shared
 * room for {@code sharedPercent} % of them (fanned out to its members), else the {@code user:} room
 * of a user drawn at random.
 *
 * <p>Threads: the publisher thread owns the NioLoad rounds and the latencies; the counters are read
 * from any thread.
 */
final class PacedPublisher {
    private static final String[] TYPES = {"doc.changed", "canvas.node.moved", "task.updated", "chat.message.posted"};

    /** Requests started (each one event), counted when its bytes are built. */
    final AtomicLong issued = new AtomicLong();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong late = new AtomicLong();
    private final Latencies latencies = new Latencies();
    private volatile String lastError;
    private volatile boolean stopping;
    private Thread thread;

    /** Starts publishing {@code rate} events a second over {@code connections} keep-alive connections. */
    void start(int httpPort, String serviceToken, int connections, double rate, int users, String sharedRoom,
               int sharedPercent) {
        String head = "POST /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + httpPort + "\r\nAuthorization: Bearer " + serviceToken
                + "\r\nContent-Type: application/json\r\nContent-Length: ";
        thread = new Thread(() -> {
            try {
                NioLoad.Result r = NioLoad.run("127.0.0.1", httpPort, connections, Long.MAX_VALUE / 4, rate, (c, n) -> {
                    long k = issued.getAndIncrement();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    String room = k % 100 < sharedPercent ? sharedRoom : "user:" + ConsoleLoad.user(random.nextInt(users));
                    byte[] body = ("{\"type\":\"" + TYPES[(int) (k % TYPES.length)] + "\",\"resourceId\":\"doc-"
                            + random.nextInt(500) + "\",\"rooms\":[\"" + room + "\"],\"payload\":{\"n\":" + k
                            + ",\"by\":\"console-bench\"}}").getBytes(StandardCharsets.US_ASCII);
                    return NioLoad.request(head, body);
                }, i -> latencies, () -> stopping);
                ok.addAndGet(r.ok());
                errors.addAndGet(r.errors());
                late.addAndGet(r.late());
                lastError = r.lastError();
            } catch (Exception e) {
                errors.incrementAndGet();
                lastError = e.toString();
                System.out.println("publisher stopped: " + e);
            }
        }, "publisher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops (the answers still due are awaited) and returns the publish round trips. */
    Latencies.Summary stop() throws InterruptedException {
        stopping = true;
        thread.join(30_000);
        return Latencies.summarise(List.of(latencies));
    }

    String lastError() {
        return lastError;
    }
}
