package dev.switchboard.console.connections;

import dev.switchboard.model.admin.AdminJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The body of POST /admin/faults carries the target and only the parameters of its kind. */
class FaultDraftTest {

    @Test
    void eachKindSendsItsOwnParameter() {
        assertThat(AdminJson.write(new FaultDraft(FaultKind.DROP, "c1", "zoe", false, 2, 9, 9, 30_000).toRequest()).toString())
                .isEqualTo("{\"connectionId\":\"c1\",\"kind\":\"drop\",\"count\":2,\"durationMs\":30000}");
        assertThat(AdminJson.write(new FaultDraft(FaultKind.REORDER, "c1", "zoe", true, 9, 9, 3, 1_000).toRequest()).toString())
                .isEqualTo("{\"userId\":\"zoe\",\"kind\":\"reorder\",\"window\":3,\"durationMs\":1000}");
        assertThat(AdminJson.write(new FaultDraft(FaultKind.CUT, "c1", "zoe", false, 9, 9, 9, 1_000).toRequest()).toString())
                .as("a cut does not last").isEqualTo("{\"connectionId\":\"c1\",\"kind\":\"cut\"}");
    }
}
