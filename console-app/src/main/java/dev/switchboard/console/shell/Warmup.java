package dev.switchboard.console.shell;

import dev.switchboard.console.ui.Fxml;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.slf4j.LoggerFactory;

import java.util.stream.IntStream;

/**
 * While the start screen waits for the user (and then for the gateway's first answers), loads one
 * throwaway view from FXML, with the kinds of controls, layouts and FXML constructs the shell and the
 * first pages use, on a background thread; then drops it. What it leaves behind is what a cold JVM
 * otherwise pays on the FX thread at the moment of connecting: the classes loaded, linked and
 * initialised, FXMLLoader's per-class introspection cached and its code run (docs/benchmarks.md,
 * "Sixth round").
 *
 * <p>Only building: nodes may be constructed on any thread while they are in no showing window, but
 * styling and laying them out are not safe beside the FX thread's own (the control skins measure text
 * with one shared text layout; a warm-up that did so broke a label's layout on the FX thread). So no
 * scene, no CSS, no layout here. Threads: its own, a daemon, started once per process.
 */
final class Warmup {
    private static volatile boolean started;

    private Warmup() {
    }

    /** Starts the warm-up once. */
    static void start() {
        if (started) {
            return;
        }
        started = true;
        Thread t = new Thread(Warmup::run, "console-warmup");
        t.setDaemon(true);
        t.start();
    }

    /** The parts of the view the warm-up fills in (FXMLLoader sets them by fx:id). */
    static final class Parts {
        @FXML
        private TableView<Integer> warmTable;
    }

    /** Rows and cell values, as a page's table has them. */
    @SuppressWarnings("unchecked")
    private static void fill(TableView<Integer> rows) {
        for (TableColumn<Integer, ?> column : rows.getColumns()) {
            ((TableColumn<Integer, String>) column).setCellValueFactory(
                    c -> new ReadOnlyStringWrapper(column.getText() + " " + c.getValue()));
        }
        rows.getItems().setAll(IntStream.range(0, 40).boxed().toList());
    }

    /** Builds the throwaway view; false (and a debug line) if that failed. */
    static boolean run() {
        try {
            Parts parts = new Parts();
            Fxml.load(Warmup.class, parts);
            fill(parts.warmTable);
            return parts.warmTable.getItems().size() == 40;
        } catch (RuntimeException | LinkageError e) {
            // only time is lost: the first page pays what this would have
            LoggerFactory.getLogger(Warmup.class).debug("warm-up failed", e);
            return false;
        }
    }
}
