package dev.switchboard.simulator.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.client.ConnectionState;
import dev.switchboard.client.PendingChange;
import dev.switchboard.client.ResourceState;
import dev.switchboard.client.RoomView;
import dev.switchboard.client.SwitchboardClient;
import dev.switchboard.model.json.Json;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ConvergenceCheckTest {
    private static ObjectNode state(int v) {
        ObjectNode s = Json.object();
        s.put("v", v);
        return s;
    }

    private static JsonNode snapshot(Map<String, Integer> versions) {
        ObjectNode snap = Json.object();
        var arr = snap.putArray("resources");
        versions.forEach((id, v) -> {
            ObjectNode r = arr.addObject();
            r.put("resourceId", id);
            r.put("version", v);
            r.set("state", state(v));
        });
        return snap;
    }

    private static RoomView view(String room, Map<String, Integer> versions, boolean syncing) {
        Map<String, ResourceState> rs = new HashMap<>();
        versions.forEach((id, v) -> rs.put(id, new ResourceState(id, v, state(v))));
        return new RoomView(room, "ep", 9, rs, syncing);
    }

    @Test
    void equalStateConverges() {
        var s = new ConvergenceCheck.Subject("a/p", ConnectionState.CONNECTED,
                Map.of("doc:1", view("doc:1", Map.of("x", 2, "y", 1), false), "user:a", view("user:a", Map.of(), false)),
                Set.of("doc:1", "user:a"));
        var result = ConvergenceCheck.check(List.of(s), Map.of("doc:1", snapshot(Map.of("x", 2, "y", 1)),
                "user:a", snapshot(Map.of())));
        assertThat(result.converged()).isTrue();
        assertThat(ConvergenceCheck.roomsNeeded(List.of(s))).containsExactly("doc:1", "user:a");
    }

    @Test
    void everyKindOfDifferenceIsNamed() {
        var s = new ConvergenceCheck.Subject("a/p", ConnectionState.CONNECTED,
                Map.of("doc:1", view("doc:1", Map.of("x", 1, "z", 1), false), "doc:old", view("doc:old", Map.of(), false)),
                Set.of("doc:1", "doc:2"));
        var result = ConvergenceCheck.check(List.of(s), Map.of("doc:1", snapshot(Map.of("x", 2, "y", 1)),
                "doc:2", snapshot(Map.of())));
        assertThat(result.failures()).extracting(Failure::detail)
                .containsExactly("still holds a room its user is not granted", "not in the room");
        assertThat(result.differences()).extracting(ConvergenceCheck.Difference::detail).containsExactly(
                "resource x is v1 {\"v\":1}, server: v2 {\"v\":2}",
                "misses resource y (server: v1 {\"v\":1})",
                "holds resource z v1 which the server does not have in this room");
        assertThat(result.differences()).extracting(ConvergenceCheck.Difference::serverVersion).containsExactly(2L, 1L, 0L);
    }

    @Test
    void disconnectedOrRecoveringIsNotConverged() {
        var down = new ConvergenceCheck.Subject("a/p", ConnectionState.WAITING_TO_RECONNECT, Map.of(), Set.of("doc:1"));
        var busy = new ConvergenceCheck.Subject("b/p", ConnectionState.CONNECTED,
                Map.of("doc:1", view("doc:1", Map.of(), true)), Set.of("doc:1"));
        var result = ConvergenceCheck.check(List.of(down, busy), Map.of("doc:1", snapshot(Map.of())));
        assertThat(result.failures()).extracting(Failure::detail)
                .containsExactly("not connected: WAITING_TO_RECONNECT", "still recovering (at offset 9)");
    }

    @Test
    void aChangeLeftPendingOnceConvergedIsAFailure() throws InterruptedException {
        try (SwitchboardClient never = SwitchboardClient.builder().wsUrl("ws://127.0.0.1:9/ws")
                .httpUrl("http://127.0.0.1:9").token(() -> "t").build()) {
            never.join("doc:1"); // not started: the room is held, nothing resolves the change
            PendingChange change = never.pending("doc:1", "x", 3, state(3), "ev-3");
            for (int i = 0; i < 100 && never.pendingChanges().isEmpty(); i++) {
                Thread.sleep(20);
            }
            Map<String, RoomView> rooms = Map.of("doc:1", view("doc:1", Map.of("x", 2), false));
            var settled = new ConvergenceCheck.Subject("a/p", ConnectionState.CONNECTED, rooms, Set.of("doc:1"), List.of());
            var waiting = new ConvergenceCheck.Subject("b/p", ConnectionState.CONNECTED, rooms, Set.of("doc:1"),
                    never.pendingChanges());
            var snapshots = Map.of("doc:1", snapshot(Map.of("x", 2)));

            assertThat(ConvergenceCheck.check(List.of(settled), snapshots).converged()).isTrue();
            var result = ConvergenceCheck.check(List.of(settled, waiting), snapshots);
            assertThat(result.converged()).isFalse();
            assertThat(result.failures()).extracting(Failure::assertion).containsExactly(Assertion.NO_PENDING_LEFT);
            assertThat(result.failures()).extracting(Failure::device, Failure::eventId, Failure::detail)
                    .containsExactly(tuple("b/p", "ev-3", "change to x expecting v3 still pending"));
            assertThat(change.outcome()).isEqualTo(PendingChange.Outcome.PENDING);
        }
    }
}
