package dev.switchboard.console.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.console.events.EventRow;
import dev.switchboard.console.events.EventsPage;
import dev.switchboard.console.gateway.StreamListener;
import dev.switchboard.console.testing.FxPage;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.console.ui.Theme;
import dev.switchboard.console.ui.UiThread;
import javafx.geometry.Dimension2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real page (Events) built by {@link OffscreenPageBuilder} against a real gateway: built on
 * {@code console-build}, skinned and laid out before the FX thread sees it, with what the stream
 * brought meanwhile applied at the hand-over, and tied to the window's read-only switch after it.
 */
@ExtendWith(ApplicationExtension.class)
class OffscreenPageBuilderFxTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    private Stage stage;
    private StackPane content;
    private final ExecutorService buildThread = OffscreenPageBuilder.newBuildThread();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Theme.apply(false);
        content = new StackPane();
        Scene scene = new Scene(content, 1280, 800);
        Theme.addConsoleStyles(scene);
        Pages.addStylesheets(scene, Pages.all());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stopBuilder() {
        buildThread.shutdownNow();
    }

    private OffscreenPageBuilder builder() {
        return new OffscreenPageBuilder(buildThread, () -> stage.getScene().getStylesheets(), () -> new Dimension2D(1200, 760));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRealPageIsBuiltOffTheFxThreadSkinnedAndLaidOutThenFollowsTheWindow() throws Exception {
        ConsoleContext window = gw.context(UiThread.fx());
        List<String> builtOn = new CopyOnWriteArrayList<>();
        PageSpec events = EventsPage.spec();
        PageSpec spec = new PageSpec(events.id(), events.title(), events.hint(), ctx -> {
            builtOn.add(Thread.currentThread().getName());
            return events.factory().apply(ctx);
        });
        Page page = FxPage.read(() -> builder().build(spec, window)).get(20, TimeUnit.SECONDS);

        assertThat(builtOn).containsExactly("console-build");
        Parent view = page.view();
        TableView<EventRow> table = (TableView<EventRow>) view.lookup("#eventsTable");
        boolean[] state = FxPage.read(() -> new boolean[]{table.getSkin() != null, view.getLayoutBounds().getWidth() >= 1100,
                view.getParent() == null});
        assertThat(state[0]).as("skinned before the FX thread showed it").isTrue();
        assertThat(state[1]).as("laid out at the size it was built for").isTrue();
        assertThat(state[2]).as("out of the scene it was built in").isTrue();

        FxPage.run(() -> {
            content.getChildren().setAll(view);
            page.activated();
        });
        String id = gw.publish("offscreen.shown", "res-1", "document:offscreen");
        FxPage.await("the event in the table", () -> table.getItems().stream().anyMatch(r -> r.eventId().equals(id)));
        Node publish = view.lookup("#publishButton");
        assertThat(FxPage.read(publish::isVisible)).isTrue();
        FxPage.run(() -> window.readOnlyProperty().set(true));
        FxPage.await("the publish action hidden by the window's read-only switch", () -> !publish.isVisible());
        FxPage.run(page::dispose);
        window.close();
    }

    /** A view model that shows the last event id the stream brought, posted through its context's UI thread. */
    private static final class LastEventPage implements Page {
        final Label label = new Label("none");
        final List<String> appliedOn = new CopyOnWriteArrayList<>();

        LastEventPage(ConsoleContext ctx, Set<String> seen) {
            ctx.link().addListener(new StreamListener() {
                @Override
                public void deltas(List<JsonNode> items, JsonNode stats, long coalesced) {
                    for (JsonNode i : items) {
                        String id = i.path("eventId").asText();
                        if (!id.isEmpty()) {
                            ctx.ui().run(() -> {
                                appliedOn.add(Thread.currentThread().getName());
                                label.setText(id);
                            });
                            seen.add(id);
                        }
                    }
                }
            });
        }

        @Override
        public Parent view() {
            return new StackPane(label);
        }
    }

    @Test
    void whatTheStreamBringsDuringTheBuildWaitsAndIsAppliedOnTheFxThreadAtTheHandOver() throws Exception {
        ConsoleContext window = gw.context(UiThread.fx());
        Set<String> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch made = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LastEventPage[] page = new LastEventPage[1];
        PageSpec spec = new PageSpec("last", "Last event", "", ctx -> {
            page[0] = new LastEventPage(ctx, seen);
            made.countDown();
            try {
                release.await(20, TimeUnit.SECONDS); // the builder is still busy while the stream flows
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return page[0];
        });
        CompletableFuture<Page> built = FxPage.read(() -> builder().build(spec, window));
        assertThat(made.await(20, TimeUnit.SECONDS)).isTrue();
        String id = gw.publish("offscreen.during", "res-2", "document:offscreen");
        LiveGateway.await("the event on the admin stream", () -> seen.contains(id));
        Thread.sleep(200);
        assertThat(FxPage.read(page[0].label::getText)).as("nothing applied while the builder owns the page").isEqualTo("none");
        assertThat(page[0].appliedOn).isEmpty();

        release.countDown();
        built.get(20, TimeUnit.SECONDS);
        assertThat(FxPage.read(page[0].label::getText)).as("applied at the hand-over").isEqualTo(id);
        assertThat(page[0].appliedOn).isNotEmpty().allMatch(t -> t.equals("JavaFX Application Thread"));

        String later = gw.publish("offscreen.after", "res-3", "document:offscreen");
        FxPage.await("a later event straight to the FX thread", () -> page[0].label.getText().equals(later));
        window.close();
    }
}
