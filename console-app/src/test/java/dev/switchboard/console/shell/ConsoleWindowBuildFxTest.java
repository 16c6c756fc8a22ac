package dev.switchboard.console.shell;

import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.console.connect.ConnectViewModel;
import dev.switchboard.console.connections.ConnectionRow;
import dev.switchboard.console.events.EventRow;
import dev.switchboard.console.link.StreamListener;
import dev.switchboard.console.rooms.RoomRow;
import dev.switchboard.console.testing.FxPage;
import dev.switchboard.console.testing.LiveGateway;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connected window is built off the FX thread: every page on {@code console-build}, skinned and
 * laid out before the window is shown, while the start screen stays responsive and says what is being
 * built; what the stream brings during the build waits, is applied by the thread owning the window
 * (the builder, or the FX thread from the hand-over on), and never by another.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleWindowBuildFxTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    private final Set<String> streamed = ConcurrentHashMap.newKeySet();
    private final List<String> builtOn = new CopyOnWriteArrayList<>();
    private final List<String> appliedOn = new CopyOnWriteArrayList<>();
    private final CountDownLatch building = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    /** Made in {@link #start}: no control may be made before the toolkit runs. */
    private Label lastEvent;
    private Stage stage;
    private ConsoleWindow window;
    private ConnectViewModel start;

    /** Shows the last event id the stream brought, posted through its context's UI thread. */
    private Page lastEventPage(ConsoleContext ctx) {
        builtOn.add(Thread.currentThread().getName());
        ctx.link().addListener(new StreamListener() {
            @Override
            public void deltas(List<AdminDelta> items, AdminDelta.Stats stats, long coalesced) {
                for (AdminDelta i : items) {
                    if (i instanceof AdminDelta.EventPublished e) {
                        String id = e.eventId();
                        ctx.ui().run(() -> {
                            appliedOn.add(Thread.currentThread().getName());
                            lastEvent.setText(id);
                        });
                        streamed.add(id);
                    }
                }
            }
        });
        building.countDown();
        try {
            release.await(30, TimeUnit.SECONDS); // the builder is busy while the stream flows
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return () -> new StackPane(lastEvent);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        lastEvent = new Label("none");
        List<PageSpec> pages = new ArrayList<>();
        pages.add(new PageSpec("last", "Last event", "the stream's last event", this::lastEventPage));
        for (PageSpec real : Pages.all()) {
            pages.add(new PageSpec(real.id(), real.title(), real.hint(), ctx -> {
                builtOn.add(Thread.currentThread().getName());
                return real.factory().apply(ctx);
            }, real.stylesheet()));
        }
        new ConsolePrefs(gw.home()).lastPage("last");
        window = new ConsoleWindow(stage, gw.home(), pages);
        start = window.showConnect();
        stage.show();
    }

    @Stop
    void stop() {
        release.countDown();
        window.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPageIsBuiltOffTheFxThreadAndWhatArrivedMeanwhileIsInPlaceWhenTheWindowShows() throws Exception {
        gw.device("zoe", "phone");
        FxPage.run(() -> {
            start.urlProperty().set(gw.httpUrl());
            start.tokenProperty().set(gw.adminToken());
            start.rememberTokenProperty().set(false);
            start.connect();
        });
        assertThat(building.await(20, TimeUnit.SECONDS)).isTrue();
        String during = gw.publish("window.building", "res-1", "document:window-build");
        LiveGateway.await("the event on the admin stream", () -> streamed.contains(during));
        Thread.sleep(200);
        assertThat(FxPage.read(lastEvent::getText)).as("nothing applied while console-build owns the window").isEqualTo("none");
        assertThat(appliedOn).isEmpty();
        assertThat(FxPage.read(() -> start.messageProperty().get())).as("the start screen says what is being built")
                .contains("building Last event");
        assertThat(FxPage.read(() -> stage.getScene().lookup("#connectButton") != null)).isTrue();

        release.countDown();
        FxPage.await("the connected window", () -> window.main() != null);
        assertThat(FxPage.read(lastEvent::getText)).as("in place when the window shows").isEqualTo(during);
        assertThat(appliedOn).as("applied by the thread owning the window: the builder before the hand-over, then the FX thread")
                .isNotEmpty().allMatch(t -> t.equals("console-build") || t.equals("JavaFX Application Thread"));
        assertThat(builtOn).hasSize(Pages.all().size() + 1).allMatch(t -> t.equals("console-build"));
        assertThat(FxPage.read(() -> window.main().unbuilt())).as("every page built ahead").isEmpty();

        // each real page was skinned and laid out in this window's scene before it was ever shown
        for (PageSpec spec : Pages.all()) {
            Parent view = FxPage.read(() -> window.main().prepare(spec.id()).view());
            boolean[] state = FxPage.read(() -> new boolean[]{view.getLayoutBounds().getWidth() > 800,
                    view.lookupAll(".table-view").stream().allMatch(t -> ((TableView<?>) t).getSkin() != null)});
            assertThat(state[0]).as(spec.id() + " laid out").isTrue();
            assertThat(state[1]).as(spec.id() + " tables skinned").isTrue();
        }

        // Events and Connections fetched their first data while the window was built: their rows are laid out already
        Parent events = FxPage.read(() -> window.main().prepare("events").view());
        boolean[] rows = FxPage.read(() -> {
            TableView<?> table = (TableView<?>) events.lookup("#eventsTable");
            return new boolean[]{table.getItems().stream().anyMatch(r -> ((EventRow) r).eventId().equals(during)),
                    !events.lookupAll(".table-row-cell").isEmpty()};
        });
        assertThat(rows[0]).as("the event published during the build is in the Events table").isTrue();
        assertThat(rows[1]).as("its rows were laid out before the page was ever shown").isTrue();
        Parent connections = FxPage.read(() -> window.main().prepare("connections").view());
        rows = FxPage.read(() -> {
            TableView<?> table = (TableView<?>) connections.lookup("#connectionsTable");
            return new boolean[]{table.getItems().stream().anyMatch(r -> ((ConnectionRow) r).userId().equals("zoe")),
                    !connections.lookupAll(".table-row-cell").isEmpty()};
        });
        assertThat(rows[0]).as("zoe's phone in the Connections table").isTrue();
        assertThat(rows[1]).as("its rows were laid out before the page was ever shown").isTrue();
        Parent rooms = FxPage.read(() -> window.main().prepare("rooms").view());
        rows = FxPage.read(() -> {
            TableView<?> table = (TableView<?>) rooms.lookup("#roomsTable");
            return new boolean[]{table.getItems().stream().anyMatch(r -> ((RoomRow) r).room().equals("user:zoe")),
                    !rooms.lookupAll(".table-row-cell").isEmpty()};
        });
        assertThat(rows[0]).as("zoe's own room in the Rooms table").isTrue();
        assertThat(rows[1]).as("its rows were laid out before the page was ever shown").isTrue();

        String after = gw.publish("window.shown", "res-2", "document:window-build");
        FxPage.await("a later event straight to the FX thread", () -> lastEvent.getText().equals(after));
        assertThat(appliedOn).last().isEqualTo("JavaFX Application Thread");
        FxPage.run(() -> window.main().show("events", null));
        FxPage.await("the Events page on screen", () -> stage.getScene().lookup("#eventsTable") != null);
    }
}
