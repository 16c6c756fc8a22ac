package dev.switchboard.console.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.model.admin.ConnectionInfo;
import dev.switchboard.model.admin.ConnectionPage;
import dev.switchboard.model.admin.FaultRequest;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.WsClient;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The support case the Trace tests replay on a real gateway, for event {@link #eventId} in room
 * {@link #ROOM}: zoe's phone gets it and acks, her laptop gets it and does not ack, her tablet had
 * been in the room but was closed before the publish (missed), and max's only device, the desktop,
 * has an injected drop fault (QA) on its connection, so it is dropped while open and max has it on
 * no device. {@link #tabletRecovers()} brings the tablet back with a join after its old offset (a
 * replay); {@link #desktopCloses()} makes max's drop final (missed, still marked injected).
 */
final class MissedUpdateStory {
    static final String ROOM = "doc:plan";

    final String eventId;
    private final LiveGateway gw;
    private final WsClient desktop;
    private final String tabletEpoch;
    private final long tabletOffset;

    private MissedUpdateStory(LiveGateway gw, String eventId, WsClient desktop, String tabletEpoch, long tabletOffset) {
        this.gw = gw;
        this.eventId = eventId;
        this.desktop = desktop;
        this.tabletEpoch = tabletEpoch;
        this.tabletOffset = tabletOffset;
    }

    static MissedUpdateStory play(LiveGateway gw, ConsoleContext ctx) throws Exception {
        gw.grant(ROOM, "zoe");
        gw.grant(ROOM, "max");

        WsClient tablet = gw.device("zoe", "tablet");
        JsonNode joined = tablet.join(ROOM);
        String epoch = joined.path("epoch").asText();
        long offset = joined.path("offset").asLong();
        tablet.close();
        LiveGateway.await("the tablet's close to reach the gateway", () -> connectionOf(ctx, "zoe", "tablet") == null);

        WsClient phone = gw.device("zoe", "phone");
        WsClient laptop = gw.device("zoe", "laptop");
        WsClient desktop = gw.device("max", "desktop");
        for (WsClient c : new WsClient[]{phone, laptop, desktop}) {
            c.join(ROOM);
        }
        FaultRequest fault = FaultRequest.onConnection(connectionOf(ctx, "max", "desktop"), "drop").count(1);
        ctx.api().injectFault(fault).get(10, TimeUnit.SECONDS);

        String eventId = gw.publish("doc.changed", "plan-1", ROOM);
        long delivered = phone.events(ROOM, 1).get(0).path("offset").asLong();
        phone.send("{\"op\":\"ack\",\"room\":\"" + ROOM + "\",\"offset\":" + delivered + "}");
        ObjectNode ping = Json.object();
        ping.put("op", "ping");
        phone.request(ping); // answered after the ack was handled
        laptop.events(ROOM, 1); // received, never acknowledged
        return new MissedUpdateStory(gw, eventId, desktop, epoch, offset);
    }

    /** The tablet reconnects and joins after the offset it had: the gateway replays the event. */
    void tabletRecovers() {
        WsClient tablet = gw.device("zoe", "tablet");
        JsonNode rejoined = tablet.join(ROOM, tabletEpoch, tabletOffset);
        if (!rejoined.path("recovered").asBoolean()) {
            throw new AssertionError("the tablet did not recover: " + rejoined);
        }
        tablet.events(ROOM, 1);
    }

    /** Max's desktop goes away with the event dropped: nothing open will bring it any more. */
    void desktopCloses(ConsoleContext ctx) {
        desktop.close();
        LiveGateway.await("the desktop's close to reach the gateway", () -> connectionOf(ctx, "max", "desktop") == null);
    }

    /** The id of the user's open connection from {@code device}, or null. */
    static String connectionOf(ConsoleContext ctx, String user, String device) {
        try {
            ConnectionPage list = ctx.api().connections(Map.of("user", user)).get(10, TimeUnit.SECONDS);
            for (ConnectionInfo c : list.connections()) {
                if (device.equals(c.deviceId())) {
                    return c.connectionId();
                }
            }
            return null;
        } catch (Exception e) {
            throw new AssertionError("could not list the connections of " + user, e);
        }
    }
}
