package dev.switchboard.console.shell;

import dev.switchboard.console.ui.Fxml;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.IntStream;

/**
 * While the start screen waits for the user (and then for the gateway's first answers), builds one
 * throwaway view of the kinds of controls the first pages use, from FXML, styles it with the
 * window's stylesheets and lays it out, on a background thread; then drops it. What it leaves behind
 * is what a cold JVM otherwise pays on the FX thread at the moment of connecting: the classes loaded
 * and linked, FXMLLoader's per-class introspection cached, the skins' and CSS engine's code run
 * (and compiled), so opening the shell and the first page no longer holds the FX thread for hundreds
 * of milliseconds (docs/benchmarks.md, "Sixth round").
 *
 * <p>Legal off the FX thread: nodes and a scene may be built, styled and laid out on any thread until
 * they are in a showing window, and this scene never is. Threads: its own, a daemon at the lowest
 * priority, started once per process.
 */
final class Warmup {
    private static volatile boolean started;

    private Warmup() {
    }

    /** Starts the warm-up once; {@code stylesheets}: the window's, read on the FX thread. */
    static void start(List<String> stylesheets) {
        if (started) {
            return;
        }
        started = true;
        Thread t = new Thread(() -> run(stylesheets), "console-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** The parts of the view the warm-up fills in (FXMLLoader sets them by fx:id). */
    static final class Parts {
        @FXML
        private TableView<Integer> warmTable;
    }

    /** Rows with text in every cell: cell skins, text layout and the CSS of a page of rows get run. */
    @SuppressWarnings("unchecked")
    private static void fill(TableView<Integer> rows) {
        for (TableColumn<Integer, ?> column : rows.getColumns()) {
            ((TableColumn<Integer, String>) column).setCellValueFactory(
                    c -> new ReadOnlyStringWrapper(column.getText() + " " + c.getValue()));
        }
        rows.getItems().setAll(IntStream.range(0, 40).boxed().toList());
    }

    /** Builds, styles and lays out the throwaway view; false (and a debug line) if that failed. */
    static boolean run(List<String> stylesheets) {
        try {
            Parts parts = new Parts();
            Parent view = Fxml.load(Warmup.class, parts);
            fill(parts.warmTable);
            Scene scene = new Scene(view, 1200, 800);
            scene.getStylesheets().setAll(stylesheets);
            view.applyCss();
            view.layout();
            return true;
        } catch (RuntimeException | LinkageError e) {
            // only time is lost: the first page pays what this would have
            LoggerFactory.getLogger(Warmup.class).debug("warm-up failed", e);
            return false;
        }
    }
}
