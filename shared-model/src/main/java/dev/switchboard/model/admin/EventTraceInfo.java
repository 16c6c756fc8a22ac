package dev.switchboard.model.admin;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /admin/events/{id}/trace}: what became of one event, from receipt through the commit
 * and each node's fanout to every device of every user entitled to it. Times are ISO-8601.
 *
 * @param receivedAt null for an event written before tracing existed
 * @param commitMs milliseconds from receipt to commit; null when {@code receivedAt} is
 * @param handedToFanout the event's hand-off to each node's fanout, in order
 * @param summary how many devices ended with each fate
 */
public record EventTraceInfo(String eventId, long seq, String type, String resourceId, long version, String occurredAt,
                             String receivedAt, Long commitMs, String committedAt, List<Handoff> handedToFanout,
                             List<RoomTrace> rooms, FateSummary summary) {
    public EventTraceInfo {
        handedToFanout = handedToFanout == null ? List.of() : List.copyOf(handedToFanout);
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
    }

    /** @param lagMs milliseconds from the commit to the hand-off */
    public record Handoff(String node, String at, double lagMs) {
    }

    /** One room of the event, at the event's offset there, with every user entitled to it. */
    public record RoomTrace(String room, long offset, List<Recipient> recipients) {
        public RoomTrace {
            recipients = recipients == null ? List.of() : List.copyOf(recipients);
        }
    }

    /** @param missed true when no device of the user has the event */
    public record Recipient(String userId, List<DeviceTrace> devices, boolean missed) {
        public Recipient {
            devices = devices == null ? List.of() : List.copyOf(devices);
        }
    }

    /**
     * One device's fate with the evidence behind it.
     *
     * @param deviceId null (written as null) for the one entry of a user seen on no connection within
     *                 trace retention; {@code detail} then says so
     * @param fate {@code acked}, {@code delivered}, {@code recovered}, {@code pending}, {@code dropped} or
     *             {@code missed}; kept as text so a fate added later still reads
     * @param via {@code live}, {@code replay}, {@code http}, {@code snapshot} (told to reload one on join) or
     *            {@code ack} (acknowledged, path unknown)
     * @param drop why it was not sent, when known
     * @param observations null for the entry without a device
     * @param reason why a {@code missed} device does not have it; null for other fates
     * @param recoveredAt when a {@code recovered} device got it by {@code via} (the same as {@code at}); null
     *                    when it did not recover it
     * @param ackedAt when the acknowledgement covering it was recorded; null when not acknowledged. Acks are
     *                cumulative and recorded at most once a second, so this is when the device's ack had
     *                reached it, not necessarily the instant it acked this offset
     */
    public record DeviceTrace(@JsonInclude(JsonInclude.Include.ALWAYS) String deviceId, String fate, String at,
                              String connectionId, String node, String via, DeliveryDrop drop, String detail,
                              List<Observation> observations, MissReason reason, String recoveredAt, String ackedAt) {
        public DeviceTrace {
            observations = observations == null ? null : List.copyOf(observations);
        }
    }

    /**
     * One piece of evidence: what was seen ({@code delivered}, {@code acknowledged}, {@code dropped},
     * {@code replayed on join}, {@code read over HTTP} …), when and on which connection.
     *
     * @param facts the observation's other fields ({@code reason}, {@code injected}, {@code ackedTo},
     *              {@code deviceKnown} …), open-ended and kept as they came (a null stays a null), so
     *              nothing the gateway says is lost
     */
    public record Observation(String what, String connectionId, String node, String at,
                              @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> facts) {
        public Observation {
            facts = facts == null ? new LinkedHashMap<>() : facts;
        }
    }

    /** The number of devices with each fate. */
    public record FateSummary(int acked, int delivered, int recovered, int pending, int dropped, int missed) {
    }
}
