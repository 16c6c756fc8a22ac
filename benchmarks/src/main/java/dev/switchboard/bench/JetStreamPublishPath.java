package dev.switchboard.bench;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * NATS JetStream's publish path through the jnats client: asynchronous publishes, at most {@code inFlight}
 * without their PubAck (the PubAck is JetStream's "stored"). An event for two rooms is two publishes,
 * one per room subject. Creates the file-backed stream {@code BENCH} on {@code room.>} first.
 */
final class JetStreamPublishPath implements PublishPath {
    private final Connection nats;
    private final JetStream jetStream;
    private final int inFlight;
    private final int resources;

    JetStreamPublishPath(int port, int inFlight, int resources) throws Exception {
        this.nats = Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port).connectionName("bench-publisher").build());
        JetStreamManagement management = nats.jetStreamManagement();
        if (!management.getStreamNames().contains("BENCH")) {
            management.addStream(StreamConfiguration.builder().name("BENCH").subjects(NatsDialect.SUBJECT_PREFIX + ">")
                    .storageType(StorageType.File).build());
        }
        this.jetStream = nats.jetStream();
        this.inFlight = inFlight;
        this.resources = resources;
    }

    @Override
    public Published publish(RoomPlan plan, long from, long count) throws Exception {
        Semaphore slots = new Semaphore(inFlight);
        AtomicLong messages = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> lastError = new AtomicReference<>();
        for (long seq = from; seq < from + count; seq++) {
            byte[] payload = BenchEvent.payload(seq, resources).getBytes(StandardCharsets.UTF_8);
            for (String room : plan.roomsOf(seq)) {
                slots.acquire();
                jetStream.publishAsync(NatsDialect.SUBJECT_PREFIX + room, payload).whenComplete((ack, failure) -> {
                    if (failure != null || ack.hasError()) {
                        errors.incrementAndGet();
                        lastError.set(failure != null ? failure.toString() : ack.getError());
                    }
                    messages.incrementAndGet();
                    slots.release();
                });
            }
        }
        slots.acquire(inFlight);
        return new Published(count, messages.get(), errors.get(), lastError.get());
    }

    @Override
    public void close() throws InterruptedException {
        nats.close();
    }
}
