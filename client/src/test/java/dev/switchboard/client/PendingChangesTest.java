package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.switchboard.client.ClientAgainstGatewayTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Optimistic changes against a real gateway: shown at once, then confirmed, superseded or rolled back. */
class PendingChangesTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    private final TestClients clients = new TestClients(gw);
    private final List<PendingChange> resolved = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeClients() {
        clients.closeAll();
    }

    private SwitchboardClient client(String user, String room) {
        SwitchboardClient c = clients.start(user, "phone", room);
        c.addListener(new SwitchboardListener() {
            @Override
            public void pendingResolved(PendingChange change) {
                resolved.add(change);
            }
        });
        clients.publish(room, room.substring(4) + "-seed", 1, null);
        clients.awaitConverged(c, room);
        return c;
    }

    private static ObjectNode value(int v) {
        ObjectNode n = Json.object();
        n.put("value", v);
        return n;
    }

    private static JsonNode shown(SwitchboardClient c, String room, String resource) {
        ResourceState s = c.rooms().get(room).resources().get(resource);
        return s == null ? null : s.state();
    }

    @Test
    void aChangeIsShownAtOnceAndConfirmedByItsOwnEvent() {
        SwitchboardClient c = client("olga", "doc:p1");
        PendingChange change = c.pending("doc:p1", "p1-title", 1, value(7), "olga-title-1");
        await("pending value shown", () -> value(7).equals(shown(c, "doc:p1", "p1-title")));
        assertThat(c.pendingChanges()).containsExactly(change);

        clients.publish("doc:p1", "p1-title", 7, "olga-title-1");
        await("confirmed", () -> change.outcome() == PendingChange.Outcome.CONFIRMED);
        await("listener told", () -> resolved.contains(change));
        clients.awaitConverged(c, "doc:p1");
        assertThat(c.pendingChanges()).isEmpty();
    }

    @Test
    void withoutAnEventIdTheExpectedVersionConfirms() {
        SwitchboardClient c = client("pia", "doc:p2");
        PendingChange change = c.pending("doc:p2", "p2-seed", 2, value(5));
        clients.publish("doc:p2", "p2-seed", 5, null);
        await("confirmed", () -> change.outcome() == PendingChange.Outcome.CONFIRMED);
        clients.awaitConverged(c, "doc:p2");
    }

    @Test
    void aNewerVersionFromSomeoneElseSupersedesTheChange() {
        SwitchboardClient c = client("quin", "doc:p3");
        PendingChange change = c.pending("doc:p3", "p3-seed", 2, value(9), "quin-seed-2");
        await("pending value shown", () -> value(9).equals(shown(c, "doc:p3", "p3-seed")));
        clients.publish("doc:p3", "p3-seed", 4, "someone-else");
        await("superseded", () -> change.outcome() == PendingChange.Outcome.SUPERSEDED);
        clients.awaitConverged(c, "doc:p3");
        assertThat(shown(c, "doc:p3", "p3-seed")).isEqualTo(value(4));
        assertThat(c.pendingChanges()).isEmpty();
    }

    @Test
    void aFailedPublishRollsTheChangeBack() {
        SwitchboardClient c = client("rita", "doc:p4");
        PendingChange change = c.pending("doc:p4", "p4-seed", 2, value(3));
        await("pending value shown", () -> value(3).equals(shown(c, "doc:p4", "p4-seed")));
        change.failed();
        await("rolled back", () -> change.outcome() == PendingChange.Outcome.ROLLED_BACK);
        await("listener told", () -> resolved.contains(change));
        await("authoritative value shown again", () -> value(1).equals(shown(c, "doc:p4", "p4-seed")));
        assertThat(c.pendingChanges()).isEmpty();
        change.failed(); // resolved already: nothing changes
        clients.publish("doc:p4", "p4-seed", 2, null);
        clients.awaitConverged(c, "doc:p4");
        assertThat(change.outcome()).isEqualTo(PendingChange.Outcome.ROLLED_BACK);
    }
}
