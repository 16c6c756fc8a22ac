package dev.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Switchboard's publish path: {@code POST /api/events} with a service token over keep-alive connections ({@link NioLoad}). */
final class HttpPublishPath implements PublishPath {
    private final int port;
    private final String head;
    private final int inFlight;
    private final int resources;

    HttpPublishPath(int port, String serviceToken, int inFlight, int resources) {
        this.port = port;
        this.head = "POST /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + serviceToken
                + "\r\nContent-Type: application/json\r\nContent-Length: ";
        this.inFlight = inFlight;
        this.resources = resources;
    }

    @Override
    public Published publish(RoomPlan plan, long from, long count) throws Exception {
        AtomicLong next = new AtomicLong(from);
        long end = from + count;
        // Each connection keeps one request in flight and stops when the count is used up.
        NioLoad.Result r = NioLoad.run("127.0.0.1", port, (int) Math.min(inFlight, count), 600_000_000_000L, (c, n) -> {
            long seq = next.getAndIncrement();
            return seq < end ? NioLoad.request(head, body(plan, seq)) : null;
        }, i -> new Latencies());
        long events = r.ok() + r.errors();
        return new Published(events, events, r.errors(), r.lastError());
    }

    private byte[] body(RoomPlan plan, long seq) {
        List<String> rooms = plan.roomsOf(seq);
        StringBuilder b = new StringBuilder(160).append("{\"type\":\"bench.tick\",\"rooms\":[");
        for (int i = 0; i < rooms.size(); i++) {
            b.append(i == 0 ? "\"" : ",\"").append(SwitchboardDialect.room(rooms.get(i))).append('"');
        }
        b.append("],\"resourceId\":\"r-").append(seq % resources).append("\",\"payload\":").append(BenchEvent.payload(seq, resources))
                .append('}');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
    }
}
