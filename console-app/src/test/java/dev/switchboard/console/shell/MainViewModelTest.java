package dev.switchboard.console.shell;

import dev.switchboard.console.gateway.LinkState;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.console.ui.UiThread;
import javafx.scene.Parent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The window's view model against a real gateway, without a JavaFX toolkit. */
class MainViewModelTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    /** A page that writes down what the shell told it. */
    private static final class RecordingPage implements Page {
        final String name;
        final List<String> calls;

        RecordingPage(String name, List<String> calls) {
            this.name = name;
            this.calls = calls;
        }

        @Override
        public Parent view() {
            throw new UnsupportedOperationException("no views without a toolkit");
        }

        @Override
        public void activated() {
            calls.add(name + " shown");
        }

        @Override
        public void deactivated() {
            calls.add(name + " hidden");
        }

        @Override
        public void open(String argument) {
            calls.add(name + " opens " + argument);
        }

        @Override
        public void dispose() {
            calls.add(name + " disposed");
        }
    }

    /** Builds when the test says so, as {@code console-build} does some time after being asked. */
    private static final class HeldBuilder implements PageBuilder {
        final Map<String, Runnable> held = new LinkedHashMap<>();
        final Map<String, CompletableFuture<Page>> futures = new LinkedHashMap<>();

        @Override
        public CompletableFuture<Page> build(PageSpec spec, ConsoleContext ctx) {
            CompletableFuture<Page> f = new CompletableFuture<>();
            held.put(spec.id(), () -> f.complete(spec.factory().apply(ctx)));
            futures.put(spec.id(), f);
            return f;
        }

        void finish(String id) {
            held.remove(id).run();
        }

        void fail(String id, String why) {
            held.remove(id);
            futures.get(id).completeExceptionally(new IllegalStateException(why));
        }
    }

    private final List<String> calls = new CopyOnWriteArrayList<>();

    private List<PageSpec> pages() {
        return List.of(
                new PageSpec("overview", "Overview", "", ctx -> new RecordingPage("overview", calls)),
                new PageSpec("trace", "Trace", "", ctx -> new RecordingPage("trace", calls)));
    }

    private MainViewModel viewModel() {
        return new MainViewModel(gw.context(UiThread.direct()), pages(), new ConsolePrefs(gw.home()));
    }

    private MainViewModel viewModel(PageBuilder builder) {
        return new MainViewModel(gw.context(UiThread.direct()), pages(), new ConsolePrefs(gw.home()), builder);
    }

    /** A view model whose Overview the builder has built and shown. */
    private MainViewModel showingOverview(HeldBuilder builder) {
        MainViewModel vm = showingOverview(builder);
        return vm;
    }

    @Test
    void aPageNotBuiltYetIsShownWhenTheBuilderHandsItOverWithTheLastArgumentAskedFor() {
        HeldBuilder builder = new HeldBuilder();
        new ConsolePrefs(gw.home()).lastPage("overview");
        MainViewModel vm = viewModel(builder);
        vm.showFirst();
        assertThat(builder.held).as("the first page is built in place").isEmpty();

        vm.search("evt-1");
        vm.search("evt-2");
        assertThat(builder.held.keySet()).as("one build, however often the page is asked for").containsExactly("trace");
        assertThat(vm.openingProperty().get()).isEqualTo("Trace");
        assertThat(vm.pageIdProperty().get()).as("the page on screen stays meanwhile").isEqualTo("overview");
        assertThat(calls).containsExactly("overview shown");

        builder.finish("trace");
        assertThat(vm.openingProperty().get()).isEmpty();
        assertThat(vm.pageIdProperty().get()).isEqualTo("trace");
        assertThat(calls).containsExactly("overview shown", "overview hidden", "trace shown", "trace opens evt-2");
        assertThat(vm.unbuilt()).isEmpty();
        vm.close();
    }

    @Test
    void aPagePrebuiltInTheBackgroundIsKeptButNotShown() {
        HeldBuilder builder = new HeldBuilder();
        MainViewModel vm = showingOverview(builder);
        CompletableFuture<Page> trace = vm.prebuild("trace");
        assertThat(vm.prebuild("trace")).isSameAs(trace);
        builder.finish("trace");
        assertThat(trace).isCompleted();
        assertThat(vm.pageIdProperty().get()).isEqualTo("overview");
        assertThat(vm.openingProperty().get()).isEmpty();
        assertThat(vm.unbuilt()).isEmpty();
        vm.show("trace", null);
        assertThat(builder.held).as("built once").isEmpty();
        assertThat(calls).containsExactly("overview shown", "overview hidden", "trace shown");
        vm.close();
    }

    @Test
    void aPageThatCannotBeBuiltSaysSoAndCanBeAskedForAgain() {
        HeldBuilder builder = new HeldBuilder();
        MainViewModel vm = showingOverview(builder);
        vm.show("trace", null);
        builder.fail("trace", "FXML broken");
        assertThat(vm.openingProperty().get()).isEmpty();
        assertThat(vm.pageIdProperty().get()).isEqualTo("overview");
        assertThat(vm.context().noticeProperty().get()).contains("Could not open Trace").contains("FXML broken");
        vm.show("trace", null);
        builder.finish("trace");
        assertThat(vm.pageIdProperty().get()).isEqualTo("trace");
        vm.close();
    }

    @Test
    void aPageThatComesBackAfterTheUserLeftTheGatewayIsDisposedOf() {
        HeldBuilder builder = new HeldBuilder();
        MainViewModel vm = viewModel(builder);
        vm.show("trace", null);
        vm.close();
        builder.finish("trace");
        assertThat(calls).containsExactly("trace disposed");
        assertThat(vm.pageProperty().get()).isNull();
    }

    @Test
    void switchingPagesShowsOneAndHidesTheOther() {
        MainViewModel vm = viewModel();
        vm.show("overview", null);
        vm.showIndex(1);
        vm.search("user:zoe");
        vm.search("01M8JS25FXMP7RH3DFMQ9J41B1");
        assertThat(calls).containsExactly("overview shown", "overview hidden", "trace shown",
                "trace opens user:zoe", "trace opens 01M8JS25FXMP7RH3DFMQ9J41B1");
        assertThat(vm.pageIdProperty().get()).isEqualTo("trace");
        LiveGateway.await("the last page remembered", () -> new ConsolePrefs(gw.home()).lastPage().equals("trace"));
        vm.close();
    }

    @Test
    void minimisingPausesTheLinkAndThePageAndRestoringResumesBoth() {
        MainViewModel vm = viewModel();
        vm.show("overview", null);
        vm.minimised(true);
        assertThat(vm.context().link().paused()).isTrue();
        LiveGateway.await("the status bar to say paused", () -> vm.linkStateProperty().get() == LinkState.PAUSED);
        assertThat(vm.statusTextProperty().get()).isEqualTo("Paused while minimised");
        vm.minimised(false);
        LiveGateway.await("connected again", () -> vm.linkStateProperty().get() == LinkState.CONNECTED);
        assertThat(calls).containsExactly("overview shown", "overview hidden", "overview shown");
        vm.close();
    }

    @Test
    void readOnlyAndThemeAreRemembered() {
        MainViewModel vm = viewModel();
        vm.toggleReadOnly();
        vm.toggleTheme();
        assertThat(vm.context().readOnly()).isTrue();
        LiveGateway.await("the preferences written", () -> {
            ConsolePrefs p = new ConsolePrefs(gw.home());
            return p.readOnly() && p.dark();
        });
        vm.close();
        MainViewModel next = viewModel();
        assertThat(next.context().readOnly()).isTrue();
        assertThat(next.darkProperty().get()).isTrue();
        next.toggleReadOnly();
        next.toggleTheme();
        LiveGateway.await("back to defaults", () -> !new ConsolePrefs(gw.home()).readOnly());
        next.close();
    }
}
