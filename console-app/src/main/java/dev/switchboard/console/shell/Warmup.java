package dev.switchboard.console.shell;

import dev.switchboard.console.ui.BoundCell;
import dev.switchboard.console.ui.Fxml;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * While the start screen waits for the user, and again once the first page is up, runs once the code
 * a page's first visit would otherwise run cold on the FX thread: it builds one throwaway view from
 * FXML, with the kinds of controls, layouts and FXML constructs the pages use, on a background thread;
 * then, on the FX thread, styles and lays out one piece of that view per frame in the window's scene,
 * hidden; then drops it (docs/benchmarks.md, "Ninth round": a page's first styling cost 6-9 times what
 * the same controls cost on the next page; with this, the longest first visit fell from 155 to 60-92 ms).
 *
 * <p>Why in two places: nodes may be constructed on any thread while they are in no showing window,
 * and building is FXMLLoader's reflection, most of a page's build; styling and laying out are not safe
 * beside the FX thread's own (the control skins measure text with one shared text layout), so they run
 * on the FX thread, one step per frame, so that no frame waits for more than one step. The steps are
 * held back while the console connects ({@link #hold}), when the shell and the first page are built.
 *
 * <p>Threads: {@link #start}, {@link #hold}, {@link #release} and the styling on the FX thread (the
 * styling from an animation timer); the build on a daemon thread of its own, started once per process.
 */
final class Warmup {
    /** The table's rows when first laid out, and then: the first layout of a table's rows costs most. */
    private static final int FIRST_ROWS = 4;
    private static final int ALL_ROWS = 40;

    // FX thread only
    private static boolean started;
    private static boolean held;
    private static long holds;
    /** The styling under way, or null before it begins and once it ended. */
    private static Styling styling;

    private Warmup() {
    }

    /** Starts the warm-up once per process; {@code screen} is the window's scene root. FX thread. */
    static void start(Pane screen) {
        if (started) {
            return;
        }
        started = true;
        Thread t = new Thread(() -> {
            Parts parts = build();
            if (parts != null) {
                Platform.runLater(() -> {
                    styling = new Styling(parts, screen);
                    if (!held) {
                        styling.start();
                    }
                });
            }
        }, "console-warmup");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Holds the styling back while the console connects: the shell and the first page are built and
     * styled then, and a piece of the warm-up in the same frame would add to them. FX thread.
     */
    static void hold() {
        held = true;
        holds++; // a release still pending from an earlier attempt no longer applies
        if (styling != null) {
            styling.stop(); // a running timer asks for a frame every 16 ms, held or not
        }
    }

    /** Lets the styling go on, after {@code delay} (the first page's data arrives then). FX thread. */
    static void release(Duration delay) {
        PauseTransition wait = new PauseTransition(javafx.util.Duration.millis(delay.toMillis()));
        long token = ++holds;
        wait.setOnFinished(e -> {
            if (token == holds) {
                held = false;
                if (styling != null) {
                    styling.start();
                }
            }
        });
        wait.play();
    }

    /** The view, and the parts of it the warm-up fills in (FXMLLoader sets them by fx:id). */
    static final class Parts {
        @FXML
        private TableView<Integer> warmTable;
        @FXML
        private TreeTableView<String> warmTree;
        private Pane root;

        TableView<Integer> table() {
            return warmTable;
        }

        TreeTableView<String> tree() {
            return warmTree;
        }
    }

    /** Builds the throwaway view, with rows in its table and tree; null (and a debug line) if that failed. */
    static Parts build() {
        try {
            Parts parts = new Parts();
            parts.root = (Pane) Fxml.load(Warmup.class, parts);
            fill(parts);
            return parts;
        } catch (RuntimeException | LinkageError e) {
            // only time is lost: the first page pays what this would have
            LoggerFactory.getLogger(Warmup.class).debug("warm-up failed", e);
            return null;
        }
    }

    private static List<Integer> rows(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    /** Rows and cell values, as a page's table and tree have them. */
    @SuppressWarnings("unchecked")
    private static void fill(Parts parts) {
        for (TableColumn<Integer, ?> column : parts.warmTable.getColumns()) {
            TableColumn<Integer, String> c = (TableColumn<Integer, String>) column;
            c.setCellValueFactory(v -> new ReadOnlyStringWrapper(column.getText() + " " + v.getValue()));
            if (column.getStyleClass().contains("number-column")) {
                c.setCellFactory(BoundCell.of(i -> new ReadOnlyStringWrapper(Integer.toString(i)), BoundCell.NUMBER));
            }
        }
        parts.warmTable.getItems().setAll(rows(FIRST_ROWS));
        TreeItem<String> top = new TreeItem<>("top");
        for (int i = 0; i < 5; i++) {
            TreeItem<String> branch = new TreeItem<>("branch " + i);
            branch.getChildren().add(new TreeItem<>("leaf " + i));
            branch.setExpanded(true);
            top.getChildren().add(branch);
        }
        parts.warmTree.setRoot(top);
        for (TreeTableColumn<String, ?> column : parts.warmTree.getColumns()) {
            ((TreeTableColumn<String, String>) column).setCellValueFactory(
                    c -> new ReadOnlyStringWrapper(column.getText() + " " + c.getValue().getValue()));
        }
    }

    /**
     * Styles and lays out the view's pieces (the root's children), one step per frame, each while it
     * is, hidden, in the window's scene: JavaFX keeps what it works out while styling (which rules
     * match a kind of node, the values they resolve to) per scene root, so the pages find it there.
     * A piece is in the scene only during its step, never at a pulse, so it is never drawn and never
     * seen by a lookup. FX thread.
     */
    static final class Styling extends AnimationTimer {
        private static final double WIDTH = 1360;
        private static final double HEIGHT = 240;

        private final Pane screen;
        private final StackPane holder = new StackPane();
        /** What each frame does, in order: style a piece, lay it out, and for the table, its other rows. */
        private final List<Runnable> steps = new ArrayList<>();
        private int next;
        private int styled;
        private boolean done;

        /** {@code screen}: the window's scene root, which the warm-up visits. */
        Styling(Parts parts, Pane screen) {
            this.screen = screen;
            holder.getStyleClass().setAll(parts.root.getStyleClass());
            holder.setManaged(false);
            holder.setVisible(false);
            List<Node> pieces = new ArrayList<>(parts.root.getChildren());
            parts.root.getChildren().clear();
            Runnable layout = () -> {
                holder.resize(WIDTH, HEIGHT);
                holder.layout();
            };
            for (Node piece : pieces) {
                steps.add(() -> {
                    styled++;
                    holder.getChildren().setAll(piece);
                    holder.applyCss();
                });
                steps.add(layout);
                if (piece == parts.warmTable) {
                    steps.add(() -> {
                        parts.warmTable.getItems().setAll(rows(ALL_ROWS));
                        layout.run();
                    });
                }
            }
        }

        @Override
        public void handle(long now) {
            if (!held) { // a frame already under way when the hold began
                step();
            }
        }

        /** Takes the next step; false when there was none left. */
        boolean step() {
            if (done) {
                return false;
            }
            if (next == steps.size()) {
                finish();
                return false;
            }
            screen.getChildren().add(holder);
            try {
                steps.get(next++).run();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(Warmup.class).debug("warm-up styling failed", e);
                finish();
            } finally {
                screen.getChildren().remove(holder);
            }
            return true;
        }

        /** How many pieces have been styled so far. */
        int styled() {
            return styled;
        }

        private void finish() {
            done = true;
            stop();
            holder.getChildren().clear();
            if (styling == this) {
                styling = null;
            }
        }
    }
}
