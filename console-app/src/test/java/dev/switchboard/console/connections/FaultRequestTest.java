package dev.switchboard.console.connections;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The body of POST /admin/faults carries the target and only the parameters of its kind. */
class FaultRequestTest {

    @Test
    void eachKindSendsItsOwnParameter() {
        assertThat(new FaultRequest(FaultKind.DROP, "c1", "zoe", false, 2, 9, 9, 30_000).toJson().toString())
                .isEqualTo("{\"connectionId\":\"c1\",\"kind\":\"drop\",\"count\":2,\"durationMs\":30000}");
        assertThat(new FaultRequest(FaultKind.REORDER, "c1", "zoe", true, 9, 9, 3, 1_000).toJson().toString())
                .isEqualTo("{\"userId\":\"zoe\",\"kind\":\"reorder\",\"window\":3,\"durationMs\":1000}");
        assertThat(new FaultRequest(FaultKind.CUT, "c1", "zoe", false, 9, 9, 9, 1_000).toJson().toString())
                .as("a cut does not last").isEqualTo("{\"connectionId\":\"c1\",\"kind\":\"cut\"}");
    }
}
