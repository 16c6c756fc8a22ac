package dev.switchboard.console.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The saved-filter file: round trip, one default, and a missing or broken file meaning "none". */
class EventFilterStoreTest {
    @TempDir
    Path home;

    @Test
    void savedFiltersAndTheDefaultRoundTrip() {
        EventFilterStore store = EventFilterStore.in(home.resolve("nested"));
        EventFilter docs = new EventFilter("document:7", "doc.*", "", "", "");
        EventFilter alice = new EventFilter("", "", "", "", "alice");
        store.save(SavedFilters.EMPTY.put("docs", docs).put("Alice", alice).withDefault("docs"));

        SavedFilters loaded = store.load();
        assertThat(loaded.filters()).extracting(SavedEventFilter::name).containsExactly("Alice", "docs");
        assertThat(loaded.find("docs").orElseThrow().filter()).isEqualTo(docs);
        assertThat(loaded.onOpen().orElseThrow().name()).isEqualTo("docs");

        store.save(loaded.withDefault("Alice").put("docs", EventFilter.NONE));
        SavedFilters again = store.load();
        assertThat(again.onOpen().orElseThrow().name()).as("one default at a time").isEqualTo("Alice");
        assertThat(again.filters()).filteredOn(SavedEventFilter::applyOnOpen).hasSize(1);
        assertThat(again.find("docs").orElseThrow().filter().none()).isTrue();
        assertThat(store.load().remove("Alice").withDefault(null).onOpen()).isEmpty();
    }

    @Test
    void aMissingOrBrokenFileMeansNoSavedFilters() throws Exception {
        EventFilterStore store = EventFilterStore.in(home);
        assertThat(store.load().filters()).isEmpty();
        Files.writeString(store.file(), "{ not json");
        assertThat(store.load().filters()).isEmpty();
        Files.writeString(store.file(), "{\"filters\":[{\"name\":\"x\",\"filter\":{\"type\":\"a.*\"},\"applyOnOpen\":true,\"later\":1}]}");
        assertThat(store.load().onOpen().orElseThrow().filter()).isEqualTo(new EventFilter("", "a.*", "", "", ""));
    }
}
