package dev.switchboard.console.shell;

import dev.switchboard.console.link.LinkState;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.console.ui.UiThread;
import javafx.scene.Parent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.util.List;
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
    }

    private final List<String> calls = new CopyOnWriteArrayList<>();

    private MainViewModel viewModel() {
        List<PageSpec> pages = List.of(
                new PageSpec("overview", "Overview", "", ctx -> recording("overview")),
                new PageSpec("trace", "Trace", "", ctx -> recording("trace")));
        return new MainViewModel(gw.context(UiThread.direct()), pages, new ConsolePrefs(gw.home()));
    }

    private Page recording(String name) {
        calls.add(name + " built");
        return new RecordingPage(name, calls);
    }

    @Test
    void aPageIsBuiltOnItsFirstVisitAndKeptForTheNext() {
        MainViewModel vm = viewModel();
        assertThat(vm.unbuilt()).containsExactly("overview", "trace");
        vm.show("trace", "user:zoe");
        vm.show("overview", null);
        vm.show("trace", null);
        assertThat(calls).containsExactly("trace built", "trace shown", "trace opens user:zoe", "overview built",
                "trace hidden", "overview shown", "overview hidden", "trace shown");
        assertThat(vm.unbuilt()).isEmpty();
        vm.close();
    }

    @Test
    void switchingPagesShowsOneAndHidesTheOther() {
        MainViewModel vm = viewModel();
        vm.show("overview", null);
        vm.showIndex(1);
        vm.search("user:zoe");
        vm.search("01M8JS25FXMP7RH3DFMQ9J41B1");
        assertThat(calls).containsExactly("overview built", "overview shown", "trace built", "overview hidden", "trace shown",
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
        assertThat(calls).containsExactly("overview built", "overview shown", "overview hidden", "overview shown");
        vm.close();
    }

    @Test
    void theThemeIsRememberedButReadOnlyNever() throws Exception {
        MainViewModel vm = viewModel();
        vm.toggleReadOnly();
        vm.toggleTheme();
        assertThat(vm.context().readOnly()).isTrue();
        LiveGateway.await("the theme written", () -> new ConsolePrefs(gw.home()).dark());
        vm.close();
        MainViewModel next = viewModel();
        assertThat(next.context().readOnly()).isFalse();
        assertThat(next.darkProperty().get()).isTrue();
        assertThat(Files.readString(gw.home().resolve("console.properties"))).doesNotContain("readOnly");
        next.toggleTheme();
        LiveGateway.await("back to defaults", () -> !new ConsolePrefs(gw.home()).dark());
        next.close();
    }

    @Test
    void readOnlyLockedAtStartCannotBeSwitchedOffAndIsNotSaved() throws Exception {
        ConsoleContext ctx = gw.context(UiThread.direct());
        ctx.lockReadOnly();
        MainViewModel vm = new MainViewModel(ctx, List.of(), new ConsolePrefs(gw.home()));
        assertThat(vm.readOnlyLocked()).isTrue();
        assertThat(vm.readOnlyProperty().get()).isTrue();
        vm.toggleReadOnly();
        assertThat(ctx.readOnly()).isTrue();
        vm.readOnlyProperty().set(false); // what a bound toggle or any page would do
        assertThat(ctx.readOnly()).isTrue();
        vm.toggleTheme(); // a preference write, which must not carry read-only along
        LiveGateway.await("the theme written", () -> new ConsolePrefs(gw.home()).dark());
        assertThat(Files.readString(gw.home().resolve("console.properties"))).doesNotContain("readOnly");
        vm.toggleTheme();
        // The write is asynchronous: wait for it, or it lands in the next test's shared home after that test read it.
        LiveGateway.await("back to defaults", () -> !new ConsolePrefs(gw.home()).dark());
        vm.close();
    }
}
