package dev.switchboard.console.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.console.testing.SerialUi;
import dev.switchboard.model.admin.EventList;
import dev.switchboard.model.admin.FaultRequest;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Events view model against a real gateway, without a toolkit. */
class EventsViewModelTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    @TempDir
    Path dir;

    private SerialUi ui;
    private ConsoleContext ctx;

    @BeforeEach
    void connect() {
        ui = gw.serialUi();
        ctx = gw.context(ui);
    }

    private EventsViewModel opened(EventFilterStore store) {
        EventsViewModel vm = ui.read(() -> new EventsViewModel(ctx, store));
        ui.call(vm::activate);
        return vm;
    }

    private EventsViewModel opened() {
        return opened(EventFilterStore.in(dir));
    }

    private EventRow row(EventsViewModel vm, String eventId) {
        return ui.read(() -> vm.rows().stream().filter(r -> r.eventId().equals(eventId) && !r.failure()).findFirst().orElse(null));
    }

    private void awaitRow(EventsViewModel vm, String eventId) {
        ui.await("event " + eventId + " in the list", () -> vm.rows().stream().anyMatch(r -> r.eventId().equals(eventId)));
    }

    private List<String> ids(EventsViewModel vm) {
        return ui.read(() -> idsOnUi(vm));
    }

    private static List<String> idsOnUi(EventsViewModel vm) {
        List<String> out = new ArrayList<>();
        vm.rows().forEach(r -> out.add(r.eventId()));
        return out;
    }

    private static JsonNode publish(String type, String resource, String... rooms) {
        ObjectNode payload = Json.object();
        payload.put("n", System.nanoTime());
        Api.Response r = gw.service().publish(Api.event(type, resource, List.of(rooms), payload));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private List<EventList.EventSummary> eventsOfResource(String resource) throws Exception {
        return ctx.api().events(Map.of("resource", resource)).get(10, TimeUnit.SECONDS).events();
    }

    @Test
    void publishedEventsAppearWithIdTypeAndOffsetsAndOpenTheirTrace() {
        String before = gw.publish("doc.history", "doc-h", "document:ev-hist");
        EventsViewModel vm = opened();
        awaitRow(vm, before); // recent history fills the page on activation

        JsonNode answer = publish("doc.changed", "doc-1", "document:ev-1", "user:ev-1");
        String id = answer.path("id").asText();
        awaitRow(vm, id);
        EventRow row = row(vm, id);
        assertThat(row.kind()).isEqualTo(EventRow.Kind.EVENT);
        assertThat(row.type()).isEqualTo("doc.changed");
        assertThat(row.resourceId()).isEqualTo("doc-1");
        assertThat(row.rooms()).containsEntry("document:ev-1", answer.path("offsets").path("document:ev-1").asLong())
                .containsEntry("user:ev-1", answer.path("offsets").path("user:ev-1").asLong());
        assertThat(row.roomsText()).contains("document:ev-1 @ ");
        assertThat(row.seq()).isEqualTo(answer.path("seq").asLong());

        List<String> shown = new ArrayList<>();
        ctx.navigator((page, argument) -> shown.add(page + " " + argument));
        ui.call(() -> vm.trace(row));
        assertThat(shown).containsExactly("trace " + id);
    }

    @Test
    void deliveryFailuresAreRowsNamingTheirEventAndMarkedInjected() throws Exception {
        gw.device("ev-fail", "phone");
        EventsViewModel vm = opened();
        FaultRequest fault = FaultRequest.onUser("ev-fail", "drop").count(1);
        ctx.api().injectFault(fault).get(10, TimeUnit.SECONDS);
        String id = gw.publish("doc.changed", "doc-f", "user:ev-fail");

        ui.await("an injected failure row", () -> vm.rows().stream().anyMatch(r -> r.failure() && r.userId().equals("ev-fail")));
        EventRow failure = ui.read(() -> vm.rows().stream().filter(EventRow::failure)
                .filter(r -> r.userId().equals("ev-fail")).findFirst().orElseThrow());
        assertThat(failure.injected()).isTrue();
        assertThat(failure.reason()).isEqualTo("injected_drop");
        assertThat(failure.deviceId()).isEqualTo("phone");
        assertThat(failure.who()).isEqualTo("ev-fail / phone");
        assertThat(failure.eventId()).as("the failure names the event it dropped").isEqualTo(id);
        assertThat(failure.rooms()).containsKey("user:ev-fail");

        ui.call(() -> vm.userFilterProperty().set("EV-FAIL"));
        assertThat(ui.read(() -> List.copyOf(vm.rows()))).isNotEmpty().allMatch(EventRow::failure);
    }

    @Test
    void filtersNarrowTheListAndCombine() {
        EventsViewModel vm = opened();
        String alpha = publish("alpha.one", "res-alpha", "document:flt-a").path("id").asText();
        String beta = publish("beta.two", "res-beta", "document:flt-b").path("id").asText();
        awaitRow(vm, alpha);
        awaitRow(vm, beta);

        ui.call(() -> vm.typeFilterProperty().set("alpha.*"));
        assertThat(ids(vm)).contains(alpha).doesNotContain(beta);
        assertThat(ui.read(() -> List.copyOf(vm.rows()))).allMatch(r -> r.type().startsWith("alpha."));
        assertThat(ui.read(() -> vm.bufferStatusProperty().get())).contains(" shown · ");

        ui.call(() -> vm.typeFilterProperty().set("TWO"));
        assertThat(ids(vm)).contains(beta).doesNotContain(alpha);

        ui.call(() -> {
            vm.typeFilterProperty().set("");
            vm.roomFilterProperty().set("DOCUMENT:FLT");
        });
        assertThat(ids(vm)).contains(alpha, beta);
        ui.call(() -> vm.resourceFilterProperty().set("beta"));
        assertThat(ids(vm)).containsExactly(beta);
        ui.call(() -> vm.eventIdFilterProperty().set(alpha.substring(4).toLowerCase()));
        assertThat(ids(vm)).as("room AND resource AND id: nothing has all three").isEmpty();
        assertThat(ui.read(() -> vm.placeholderProperty().get())).contains("match");

        ui.call(vm::clearFilters);
        assertThat(ids(vm)).contains(alpha, beta);
    }

    @Test
    void pauseHoldsNewRowsUntilResume() {
        EventsViewModel vm = opened();
        String first = gw.publish("pause.one", "res-p", "document:pause");
        awaitRow(vm, first);

        ui.call(() -> vm.pausedProperty().set(true));
        String held = gw.publish("pause.two", "res-p", "document:pause");
        ui.await("the held event counted as new", () -> vm.unseenProperty().get() >= 1);
        assertThat(ids(vm)).contains(first).doesNotContain(held);

        ui.call(() -> vm.pausedProperty().set(false));
        assertThat(ids(vm)).contains(first, held);
        assertThat(ui.read(() -> vm.unseenProperty().get())).isZero();
    }

    @Test
    void clearEmptiesTheListAndHistoryDoesNotRefillIt() {
        EventsViewModel vm = opened();
        String id = gw.publish("clear.me", "res-c", "document:clear");
        awaitRow(vm, id);

        ui.call(vm::clear);
        assertThat(ids(vm)).isEmpty();
        assertThat(ui.read(() -> vm.bufferStatusProperty().get())).startsWith("0 kept · 0 dropped");

        ui.call(vm::deactivate);
        ui.call(vm::activate);
        String after = gw.publish("clear.after", "res-c", "document:clear");
        awaitRow(vm, after);
        assertThat(ids(vm)).as("cleared events stay cleared").doesNotContain(id);
    }

    @Test
    void theBoundedBufferDropsTheOldest() {
        EventsViewModel vm = ui.read(() -> new EventsViewModel(ctx, EventFilterStore.in(dir)));
        ui.call(() -> vm.bufferLimitProperty().set(3));
        ui.call(vm::activate);
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            published.add(gw.publish("bound.tick", "res-b" + i, "document:bound"));
        }
        ui.await("the newest three kept, newest first",
                () -> idsOnUi(vm).equals(List.of(published.get(5), published.get(4), published.get(3))));
        String status = ui.read(() -> vm.bufferStatusProperty().get());
        assertThat(status).startsWith("3 kept · ");
        long dropped = Long.parseLong(status.replaceAll("^3 kept · ([0-9,]+) dropped.*$", "$1").replace(",", ""));
        assertThat(dropped).isGreaterThanOrEqualTo(3);
    }

    @Test
    void newestFirstByDefaultAndOldestFirstWhenTurnedOff() {
        EventsViewModel vm = opened();
        String older = gw.publish("order.a", "res-o", "document:order");
        String newer = gw.publish("order.b", "res-o", "document:order");
        awaitRow(vm, older);
        awaitRow(vm, newer);
        assertThat(ids(vm).indexOf(newer)).isLessThan(ids(vm).indexOf(older));

        ui.call(() -> vm.newestFirstProperty().set(false));
        assertThat(ids(vm).indexOf(older)).isLessThan(ids(vm).indexOf(newer));
        String newest = gw.publish("order.c", "res-o", "document:order");
        awaitRow(vm, newest);
        List<String> now = ids(vm);
        assertThat(now.get(now.size() - 1)).as("new rows go at the end").isEqualTo(newest);
    }

    @Test
    void aSavedFilterRoundTripsThroughTheStoreAndTheDefaultIsAppliedOnOpen() {
        EventFilterStore store = EventFilterStore.in(dir);
        EventsViewModel first = opened(store);
        ui.call(() -> {
            first.typeFilterProperty().set("doc.*");
            first.roomFilterProperty().set("document:7");
            first.saveFilter("Docs");
        });
        ui.call(() -> first.toggleDefault(first.selectedSavedProperty().get()));
        LiveGateway.await("the default written to the file", () -> store.load().onOpen().isPresent());
        assertThat(store.load().onOpen().orElseThrow().filter())
                .isEqualTo(new EventFilter("document:7", "doc.*", "", "", ""));

        EventsViewModel second = opened(store);
        ui.await("the default filter applied on open", () -> second.typeFilterProperty().get().equals("doc.*"));
        assertThat(ui.read(() -> second.roomFilterProperty().get())).isEqualTo("document:7");
        assertThat(ui.read(() -> second.selectedSavedProperty().get().name())).isEqualTo("Docs");
        assertThat(ui.read(() -> second.rows().getPredicate())).as("the filter is applied, not just shown").isNotNull();

        ui.call(() -> second.deleteSaved(second.selectedSavedProperty().get()));
        LiveGateway.await("the filter deleted from the file", () -> store.load().filters().isEmpty());
    }

    @Test
    void aTestEventWithBadJsonIsRefusedLocallyAndAGoodOneAppearsInTheStream() throws Exception {
        EventsViewModel vm = opened();
        TestEventForm form = vm.publishForm();
        ui.call(() -> {
            form.roomsProperty().set("document:pub-1");
            form.resourceProperty().set("pub-bad");
            form.payloadProperty().set("{\"note\": ");
            vm.publish();
        });
        assertThat(ui.read(() -> form.errorProperty().get())).startsWith("Payload is not valid JSON");
        assertThat(ui.read(() -> form.sendingProperty().get())).as("no request under way").isFalse();
        ui.call(() -> {
            form.payloadProperty().set("[1, 2]");
            vm.publish();
        });
        assertThat(ui.read(() -> form.errorProperty().get())).startsWith("Payload must be a JSON object");
        ui.call(() -> {
            form.payloadProperty().set("{}");
            form.roomsProperty().set(" ");
            vm.publish();
        });
        assertThat(ui.read(() -> form.errorProperty().get())).startsWith("Rooms:");
        assertThat(eventsOfResource("pub-bad")).as("nothing reached the gateway").isEmpty();

        ui.call(() -> {
            form.roomsProperty().set("document:pub-1, user:pub-1");
            form.resourceProperty().set("pub-good");
            form.payloadProperty().set("{\"note\": \"hello\"}");
            vm.publish();
        });
        ui.await("the publish answered", () -> form.resultProperty().get().startsWith("Published "));
        String result = ui.read(() -> form.resultProperty().get());
        assertThat(result).contains("document:pub-1 @ ").contains("user:pub-1 @ ");
        assertThat(ui.read(() -> form.errorProperty().get())).isEmpty();
        String id = eventsOfResource("pub-good").get(0).eventId();
        assertThat(result).contains(id);
        awaitRow(vm, id);
        assertThat(row(vm, id).type()).isEqualTo(TestEventForm.DEFAULT_TYPE);
        ui.await("the status bar told", () -> ctx.noticeProperty().get().contains(id));
    }

    @Test
    void readOnlyRefusesToPublish() throws Exception {
        EventsViewModel vm = opened();
        TestEventForm form = vm.publishForm();
        ui.call(() -> {
            ctx.readOnlyProperty().set(true);
            form.roomsProperty().set("document:ro");
            form.resourceProperty().set("pub-read-only");
            form.payloadProperty().set("{}");
            vm.publish();
        });
        assertThat(ui.read(() -> form.errorProperty().get())).contains("Read-only");
        String control = gw.publish("ro.control", "ro-control", "document:ro");
        awaitRow(vm, control);
        assertThat(eventsOfResource("pub-read-only")).as("nothing was sent").isEmpty();
    }
}
