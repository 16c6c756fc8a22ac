package dev.switchboard.console.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.console.testing.SerialUi;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Events page's "Search the log" mode against a real gateway: what scrolled out of the live
 * buffer long ago is still found, a page at a time (issue 14.1: "0 shown" although the log had it).
 */
class LogSearchTest {
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

    private EventsViewModel opened() {
        EventsViewModel vm = ui.read(() -> new EventsViewModel(ctx, EventFilterStore.in(dir)));
        ui.call(vm::activate);
        return vm;
    }

    private static String publish(String type, String resource, String room) {
        ObjectNode payload = Json.object().put("n", System.nanoTime());
        Api.Response r = gw.service().publish(Api.event(type, resource, List.of(room), payload));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private List<String> found(EventsViewModel vm) {
        return ui.read(() -> {
            List<String> out = new ArrayList<>();
            vm.search().rows().forEach(r -> out.add(r.eventId()));
            return out;
        });
    }

    private void awaitSearch(EventsViewModel vm) {
        ui.await("the search answered", () -> !vm.search().busyProperty().get());
    }

    @Test
    void aResourceLongGoneFromTheLiveBufferIsFoundInTheLog() {
        EventsViewModel vm = opened();
        ui.call(() -> vm.bufferLimitProperty().set(20));
        String wanted = publish("doc.changed", "canvas:9/node:3", "doc:search-ui");
        List<String> later = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            later.add(publish("doc.changed", "noise-" + i, "doc:search-ui"));
        }
        ui.await("the last event live", () -> vm.rows().stream().anyMatch(r -> r.eventId().equals(later.get(59))));
        ui.call(() -> vm.resourceFilterProperty().set("canvas:9/node:3"));
        assertThat(ui.read(() -> vm.rows().size())).as("the live buffer no longer has it").isZero();
        assertThat(ui.read(() -> vm.placeholderProperty().get())).contains("Search the log");

        ui.call(() -> vm.modeProperty().set(EventsViewModel.Mode.SEARCH));
        awaitSearch(vm);
        assertThat(found(vm)).containsExactly(wanted);
        assertThat(ui.read(() -> vm.search().statusProperty().get())).contains("Page 1 · 1 event").contains("start of the log reached");
    }

    @Test
    void pagesGoOlderAndBackNewerExactly() {
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            published.add(publish("page.tick", "r" + i, "doc:search-pages-ui"));
        }
        EventsViewModel vm = opened();
        ui.call(() -> {
            vm.modeProperty().set(EventsViewModel.Mode.SEARCH);
            vm.roomFilterProperty().set("doc:search-pages-ui");
            vm.searchLog();
        });
        awaitSearch(vm);
        List<String> first = found(vm);
        assertThat(first).hasSize(LogSearch.PAGE).startsWith(published.get(229)).endsWith(published.get(130));
        assertThat(ui.read(() -> vm.search().hasNewerProperty().get())).isFalse();

        ui.call(() -> vm.search().older());
        awaitSearch(vm);
        assertThat(found(vm)).hasSize(LogSearch.PAGE).startsWith(published.get(129)).endsWith(published.get(30));
        ui.call(() -> vm.search().older());
        awaitSearch(vm);
        assertThat(found(vm)).hasSize(30).startsWith(published.get(29)).endsWith(published.get(0));
        assertThat(ui.read(() -> vm.search().hasOlderProperty().get())).isFalse();
        assertThat(ui.read(() -> vm.search().statusProperty().get())).startsWith("Page 3 · 30 events");

        ui.call(() -> vm.search().newer());
        awaitSearch(vm);
        ui.call(() -> vm.search().newer());
        awaitSearch(vm);
        assertThat(found(vm)).isEqualTo(first);
    }

    @Test
    void anEventOpenedFromAnotherPageIsSearchedInTheLogAndNarrowedByTimeAndOffsets() {
        String first = publish("shape.moved", "s1", "doc:search-open");
        String second = publish("shape.moved", "s2", "doc:search-open");
        EventsViewModel vm = opened();
        ui.call(() -> vm.open(first));
        awaitSearch(vm);
        assertThat(ui.read(() -> vm.modeProperty().get())).isEqualTo(EventsViewModel.Mode.SEARCH);
        assertThat(found(vm)).containsExactly(first);

        ui.call(() -> {
            vm.clearFilters();
            vm.roomFilterProperty().set("doc:search-open");
            vm.search().fromOffsetProperty().set("2");
            vm.searchLog();
        });
        awaitSearch(vm);
        assertThat(found(vm)).containsExactly(second);
        ui.call(() -> {
            vm.search().fromOffsetProperty().set("");
            vm.search().fromProperty().set("1m");
            vm.searchLog();
        });
        awaitSearch(vm);
        assertThat(found(vm)).containsExactly(second, first);
    }

    @Test
    void fieldsThatDoNotParseSaySoInASentenceAndAskNothing() {
        EventsViewModel vm = opened();
        ui.call(() -> {
            vm.modeProperty().set(EventsViewModel.Mode.SEARCH);
            vm.search().fromProperty().set("yesterday-ish");
            vm.searchLog();
        });
        assertThat(ui.read(() -> vm.search().statusProperty().get()))
                .isEqualTo("From: \"yesterday-ish\" is not a time. Write 10:32, 2026-12-04 10:32, an ISO instant, or a while ago such as 20m or 2h.");
        ui.call(() -> {
            vm.search().fromProperty().set("");
            vm.search().fromOffsetProperty().set("12");
            vm.searchLog();
        });
        assertThat(ui.read(() -> vm.search().statusProperty().get())).contains("name the room");
        assertThat(ui.read(() -> vm.search().busyProperty().get())).isFalse();
    }
}
