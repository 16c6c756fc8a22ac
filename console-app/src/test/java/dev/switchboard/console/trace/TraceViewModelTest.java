package dev.switchboard.console.trace;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.console.ui.UiThread;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Trace view model without a JavaFX toolkit, against a real gateway playing
 * {@link MissedUpdateStory}: the verdict of each device, injected drops marked, the summary, the
 * not-found message, the user timeline's devices and missed event, and the text for a ticket.
 * The tests run in order because the story moves on (the tablet recovers, max's desktop closes).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TraceViewModelTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    private static ConsoleContext ctx;
    private static MissedUpdateStory story;

    @BeforeAll
    static void playTheStory() throws Exception {
        ctx = gw.context(UiThread.direct());
        story = MissedUpdateStory.play(gw, ctx);
    }

    private static TraceViewModel viewModel() {
        return new TraceViewModel(ctx.api(), ctx.ui(), ctx::notice, ctx.link().httpUrl(), ctx.link().nodeName(),
                Clock.systemUTC(), ZoneId.of("Europe/Berlin"));
    }

    /** Searches and waits for the answer to be applied. */
    private static void search(TraceViewModel vm, String text) {
        vm.queryProperty().set(text);
        vm.search();
        LiveGateway.await("the answer to " + text, () -> !vm.busyProperty().get());
    }

    private static Map<String, VerdictRow> byDevice(TraceViewModel vm) {
        Map<String, VerdictRow> rows = new TreeMap<>();
        vm.verdictRows().forEach(r -> rows.put(r.userId() + "/" + r.deviceLabel(), r));
        return rows;
    }

    private static Map<String, String> fates(TraceViewModel vm) {
        Map<String, String> fates = new TreeMap<>();
        byDevice(vm).forEach((device, row) -> fates.put(device, row.mark().text()));
        return fates;
    }

    @Test
    @Order(1)
    void eachDeviceGetsItsFateTheInjectedDropIsMarkedAndTheSummaryCounts() {
        TraceViewModel vm = viewModel();
        search(vm, "  " + story.eventId + " ");

        assertThat(vm.showingProperty().get()).isEqualTo(TraceViewModel.Showing.EVENT);
        assertThat(vm.messageProperty().get()).isEmpty();
        assertThat(fates(vm)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "zoe/phone", "acked",
                "zoe/laptop", "delivered",
                "zoe/tablet", "missed",
                "max/desktop", "dropped (injected_drop)"));
        Map<String, VerdictRow> rows = byDevice(vm);
        assertThat(rows.get("max/desktop").injected()).isTrue();
        assertThat(rows.get("max/desktop").mark().plain()).isEqualTo("dropped (injected_drop) [injected (QA)]");
        assertThat(rows.values()).filteredOn(r -> !r.deviceId().equals("desktop")).noneMatch(VerdictRow::injected);
        assertThat(rows.get("max/desktop").userMissed()).as("max has it on no device").isTrue();
        assertThat(rows.get("zoe/tablet").userMissed()).as("zoe has it on her phone").isFalse();
        assertThat(rows.get("zoe/laptop").connectionId()).isNotBlank();
        assertThat(rows.get("zoe/laptop").node()).isEqualTo(ctx.link().nodeName());
        assertThat(rows.get("zoe/phone").room()).isEqualTo(MissedUpdateStory.ROOM);
        assertThat(vm.summaryProperty().get()).isEqualTo("1 acked · 1 delivered · 0 recovered · 0 pending · 1 dropped · 1 missed");

        assertThat(vm.titleProperty().get()).isEqualTo("Event " + story.eventId);
        assertThat(vm.facts()).contains(new Fact("Type", "doc.changed"), new Fact("Resource", "plan-1"),
                new Fact("Missed by", "max"));
        assertThat(vm.steps()).extracting(TraceStep::title).startsWith("Received", "Committed to the log")
                .contains("zoe · phone — acked", "max · desktop — dropped (injected_drop)");
        assertThat(vm.steps().get(1).sincePreviousText()).as("receipt to commit").matches("\\+\\d+ ms");
        assertThat(vm.recent()).containsExactly(story.eventId);

        vm.selectedRowProperty().set(rows.get("max/desktop"));
        assertThat(vm.observationsProperty().get()).contains("dropped", "reason=injected_drop", "injected=true");

        // The tablet had closed (1000) before the publish: its row says so, not just "missed".
        VerdictRow tablet = rows.get("zoe/tablet");
        assertThat(tablet.reason().code()).isEqualTo("offline");
        assertThat(tablet.reason().closeCode()).isIn(1000, 1006);
        assertThat(tablet.reason().since()).isNotNull();
        assertThat(tablet.why(TraceTimes::utc)).startsWith("offline since " + TraceTimes.utc(tablet.reason().since()))
                .contains("last closed with " + tablet.reason().closeCode());
        vm.selectedRowProperty().set(tablet);
        assertThat(vm.observationsProperty().get()).contains("— offline since", "reason=offline",
                "closeCode=" + tablet.reason().closeCode()).doesNotContain("no observations");
    }

    @Test
    @Order(2)
    void copyAsTextNamesTheGatewayAndEveryDevicesVerdict() {
        TraceViewModel vm = viewModel();
        assertThat(vm.copyTextProperty().get()).as("nothing shown, nothing to copy").isEmpty();
        search(vm, story.eventId);

        String text = vm.copyTextProperty().get();
        assertThat(text).contains(ctx.link().httpUrl(), "(node " + ctx.link().nodeName() + ")", story.eventId,
                "Europe/Berlin", "1 acked · 1 delivered · 0 recovered · 0 pending · 1 dropped · 1 missed");
        assertThat(text.lines().filter(l -> l.contains(MissedUpdateStory.ROOM + "  ")))
                .anySatisfy(l -> assertThat(l).contains("zoe", "phone", "acked"))
                .anySatisfy(l -> assertThat(l).contains("zoe", "laptop", "delivered"))
                .anySatisfy(l -> assertThat(l).contains("zoe", "tablet", "missed", "offline since", "last closed with"))
                .anySatisfy(l -> assertThat(l).contains("max", "desktop", "dropped (injected_drop) [injected (QA)]"));
        assertThat(text).contains("offline  ").containsPattern("reason=offline closeCode=10\\d\\d");
        assertThat(text).containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")
                .containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}");

        vm.copied();
        assertThat(ctx.noticeProperty().get()).startsWith("Copied the trace of event " + story.eventId);
    }

    @Test
    @Order(3)
    void anUnknownEventIdSaysItIsNotInTheLog() {
        TraceViewModel vm = viewModel();
        search(vm, story.eventId);
        search(vm, "01NOSUCHEVENT");

        assertThat(vm.messageProperty().get()).isEqualTo("No event with id 01NOSUCHEVENT in the log.");
        assertThat(vm.messageIsErrorProperty().get()).isTrue();
        assertThat(vm.showingProperty().get()).isEqualTo(TraceViewModel.Showing.NOTHING);
        assertThat(vm.verdictRows()).isEmpty();
        assertThat(vm.copyTextProperty().get()).isEmpty();
        assertThat(vm.recent()).containsExactly("01NOSUCHEVENT", story.eventId);

        search(vm, "alice");
        assertThat(vm.messageProperty().get()).as("a user's name is pointed at the user's timeline")
                .isEqualTo("No event with id alice in the log. For the user's timeline, search user:alice.");

        search(vm, "   ");
        assertThat(vm.messageProperty().get()).startsWith("Type an event id");
    }

    @Test
    @Order(4)
    void theUserTimelineListsTheDevicesAndTheMissedEventWithItsInjectedDrop() {
        TraceViewModel vm = viewModel();
        vm.open("user:max");
        LiveGateway.await("max's timeline", () -> vm.showingProperty().get() == TraceViewModel.Showing.USER);

        UserTimelineReport max = vm.timelineProperty().get();
        assertThat(max.userId()).isEqualTo("max");
        assertThat(max.devices()).extracting(UserTimelineReport.Device::deviceId).containsExactly("desktop");
        assertThat(max.devices().get(0).connections().get(0).joins()).extracting(UserTimelineReport.Join::room)
                .contains(MissedUpdateStory.ROOM);
        assertThat(vm.missed()).extracting(UserTimelineReport.MissedEvent::eventId).containsExactly(story.eventId);
        UserTimelineReport.MissedEvent missed = vm.missed().get(0);
        assertThat(missed.injected()).isTrue();
        assertThat(missed.fatesText()).isEqualTo("desktop: dropped (injected_drop) [injected (QA)]");
        assertThat(vm.facts()).contains(new Fact("Devices", "1"), new Fact("Missed events", "1"));
        assertThat(vm.copyTextProperty().get()).contains("SWITCHBOARD USER TIMELINE", "max", "desktop", story.eventId,
                "dropped (injected_drop) [injected (QA)]", ctx.link().httpUrl());

        vm.openEvent(story.eventId);
        LiveGateway.await("the trace of the missed event", () -> vm.showingProperty().get() == TraceViewModel.Showing.EVENT);
        assertThat(vm.recent()).containsExactly(story.eventId, "user:max");
    }

    @Test
    @Order(5)
    void theTabletRecoversViaReplayAndMaxsDropBecomesFinal() {
        story.tabletRecovers();
        story.desktopCloses(ctx);
        TraceViewModel vm = viewModel();
        search(vm, story.eventId);
        LiveGateway.await("max's desktop to count as missed", () -> {
            if (!"missed".equals(byDevice(vm).get("max/desktop").fate())) {
                search(vm, story.eventId);
                return false;
            }
            return true;
        });

        assertThat(fates(vm)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "zoe/phone", "acked",
                "zoe/laptop", "delivered",
                "zoe/tablet", "recovered (via replay)",
                "max/desktop", "missed (injected_drop)"));
        assertThat(byDevice(vm).get("max/desktop").injected()).isTrue();
        VerdictRow recovered = byDevice(vm).get("zoe/tablet");
        assertThat(recovered.recoveredAt()).isNotNull().isEqualTo(recovered.at());
        assertThat(recovered.why(TraceTimes::utc)).isEqualTo("got it by replay at " + TraceTimes.utc(recovered.recoveredAt()));
        assertThat(byDevice(vm).get("max/desktop").reason().code()).isEqualTo("dropped");
        assertThat(vm.copyTextProperty().get().lines().filter(l -> l.contains("tablet") && l.contains("recovered")))
                .anySatisfy(l -> assertThat(l).contains("got it by replay at"));
        assertThat(vm.summaryProperty().get()).isEqualTo("1 acked · 1 delivered · 1 recovered · 0 pending · 0 dropped · 1 missed");

        vm.openUser("zoe");
        LiveGateway.await("zoe's timeline", () -> vm.showingProperty().get() == TraceViewModel.Showing.USER);
        UserTimelineReport zoe = vm.timelineProperty().get();
        assertThat(zoe.devices()).extracting(UserTimelineReport.Device::deviceId)
                .containsExactlyInAnyOrder("phone", "laptop", "tablet");
        UserTimelineReport.Device tablet = zoe.devices().stream().filter(d -> d.deviceId().equals("tablet")).findFirst()
                .orElseThrow();
        assertThat(tablet.connections()).hasSize(2);
        // The first connection closed before the publish (its code is the client's 1000, or 1006 when the
        // socket went before the close frame was read: either way it was gone).
        assertThat(tablet.connections().get(0).disconnectedAt()).isBefore(tablet.connections().get(1).connectedAt());
        assertThat(tablet.connections().get(0).closeCode()).isIn(1000, 1006);
        UserTimelineReport.Join rejoin = tablet.connections().get(1).joins().stream()
                .filter(j -> j.room().equals(MissedUpdateStory.ROOM)).findFirst().orElseThrow();
        assertThat(rejoin.recoveredFrom()).isEqualTo(0L);
        assertThat(rejoin.replayed()).isEqualTo(1L);
        assertThat(vm.missed()).as("zoe has every event on some device").isEmpty();
    }
}
