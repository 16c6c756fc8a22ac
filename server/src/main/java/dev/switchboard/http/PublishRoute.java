package dev.switchboard.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.eventlog.EventLog;
import dev.switchboard.eventlog.EventLogException;
import dev.switchboard.eventlog.PublishOutcome;
import dev.switchboard.eventlog.StoredEvent;
import dev.switchboard.metrics.Counter;
import dev.switchboard.metrics.Histogram;
import dev.switchboard.metrics.Metrics;
import dev.switchboard.model.ValidationException;
import dev.switchboard.model.event.PublishRequest;
import dev.switchboard.model.event.Timestamps;
import dev.switchboard.model.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/events} (PROTOCOL.md §3). Everything that can be refused is refused here, before
 * the event log sees the request; the answer is sent when the log has committed (or refused) it.
 */
public final class PublishRoute implements Route {
    private static final Logger logger = LoggerFactory.getLogger(PublishRoute.class);
    private final Authenticator auth;
    private final EventLog log;
    private final int maxBodyBytes;
    private final int maxPayloadBytes;
    private final Executor answerPool;
    private final Metrics metrics;
    private final Histogram latency;
    private final Histogram payloadSize;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final BooleanSupplier deliveryOverloaded;

    public PublishRoute(Authenticator auth, EventLog log, int maxBodyBytes, int maxPayloadBytes, Executor answerPool,
                        Metrics metrics, BooleanSupplier deliveryOverloaded) {
        this.deliveryOverloaded = deliveryOverloaded;
        this.auth = auth;
        this.log = log;
        this.maxBodyBytes = maxBodyBytes;
        this.maxPayloadBytes = maxPayloadBytes;
        this.answerPool = answerPool;
        this.metrics = metrics;
        this.payloadSize = metrics.histogram("switchboard_publish_payload_bytes",
                "Serialized payload size of publishes that passed validation.", Histogram.BYTES);
        this.latency = metrics.histogram("switchboard_publish_duration_seconds",
                "Time from receiving a publish to answering it (201 means committed).", Histogram.LATENCY_SECONDS);
        // The outcomes alerts watch exist from the start at 0: Prometheus's increase() and rate() cannot
        // see the first failure of a series that only appears with it.
        outcome("unavailable");
        outcome("overloaded");
    }

    /** The token is checked before the body is read: without one, nothing of the body is read or held. */
    @Override
    public void admit(HttpCall call) throws ApiException {
        auth.requirePublisher(call);
    }

    @Override
    public void handle(HttpCall call) throws ApiException {
        PublishRequest request;
        String payloadJson;
        try {
            byte[] body = call.body(maxBodyBytes);
            request = parse(body);
            payloadJson = Json.write(request.payload());
            int size = payloadJson.getBytes(StandardCharsets.UTF_8).length;
            payloadSize.observe(size);
            if (size > maxPayloadBytes) {
                throw ApiException.tooLarge("payload is " + size + " bytes serialized; at most " + maxPayloadBytes);
            }
        } catch (ApiException e) {
            outcome(e.code()).inc();
            throw e;
        }
        if (deliveryOverloaded.getAsBoolean()) {
            // Refused before the log: nothing is stored, and the producer retries once delivery caught up.
            outcome("overloaded").inc();
            throw new ApiException(503, "overloaded", "delivery to connections is behind (ws.max-total-backlog-bytes);"
                    + " nothing was stored, retry shortly");
        }
        PublishRequest accepted = request;
        log.publish(request, payloadJson).whenCompleteAsync((outcome, failure) -> answer(call, accepted, outcome, failure),
                answerPool);
    }

    private static PublishRequest parse(byte[] body) throws ApiException {
        JsonNode node;
        try {
            if (body.length == 0) {
                throw ApiException.badJson("the request body is empty; expected a JSON object");
            }
            node = Json.parse(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badJson("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.invalid("body: must be a JSON object");
        }
        PublishRequest request;
        try {
            request = PublishRequest.fromJson(node);
        } catch (ValidationException e) {
            throw ApiException.invalid(e.getMessage());
        }
        // 1e999 parses as Infinity, which JSON cannot carry: it would be stored and delivered as "Infinity".
        String nonFinite = Json.nonFiniteNumberPath(request.payload(), "payload");
        if (nonFinite != null) {
            throw ApiException.invalid(nonFinite + ": must be a finite number (JSON has no Infinity or NaN)");
        }
        return request;
    }

    private void answer(HttpCall call, PublishRequest request, PublishOutcome outcome, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            boolean overloaded = cause instanceof EventLogException ele && ele.overloaded();
            String code = overloaded ? "overloaded" : "unavailable";
            if (!overloaded) {
                logger.warn("publish refused ({}): id={} type={} resource={} rooms={}: {}", code, request.id(),
                        request.type(), request.resourceId(), request.rooms(), cause.getMessage());
            }
            outcome(code).inc();
            call.error(new ApiException(503, code, cause.getMessage()));
        } else if (outcome instanceof PublishOutcome.Created c) {
            outcome("created").inc();
            call.json(201, answerBody(c.event()));
        } else if (outcome instanceof PublishOutcome.Duplicate d) {
            outcome("duplicate").inc();
            call.json(200, answerBody(d.first()));
        } else if (outcome instanceof PublishOutcome.IdConflict ic) {
            outcome("id_conflict").inc();
            call.error(new ApiException(409, "id_conflict", "event id " + ic.id()
                    + " was already published with other content (type, resourceId, rooms, actorId or payload)"));
        } else if (outcome instanceof PublishOutcome.VersionConflict vc) {
            outcome("version_conflict").inc();
            ObjectNode extra = Json.object();
            extra.put("resourceId", vc.resourceId());
            extra.put("currentVersion", vc.currentVersion());
            extra.put("expectedVersion", vc.expectedVersion());
            call.error(new ApiException(409, "version_conflict", "resource " + vc.resourceId() + " is at version "
                    + vc.currentVersion() + ", not " + vc.expectedVersion(), extra));
        }
        latency.observeNanos(System.nanoTime() - call.startedNanos());
    }

    static ObjectNode answerBody(StoredEvent stored) {
        ObjectNode body = Json.object();
        body.put("id", stored.event().id());
        body.put("seq", stored.event().seq());
        body.put("version", stored.event().version());
        body.put("occurredAt", Timestamps.format(stored.event().occurredAt()));
        ObjectNode offsets = body.putObject("offsets");
        stored.offsets().forEach(offsets::put);
        return body;
    }

    private Counter outcome(String code) {
        return outcomes.computeIfAbsent(code, c -> metrics.counter("switchboard_publish_total",
                "Publishes answered, by outcome.", "outcome", c));
    }
}
