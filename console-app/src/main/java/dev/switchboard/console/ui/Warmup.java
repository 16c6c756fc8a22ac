package dev.switchboard.console.ui;

import java.util.List;

/**
 * Loads the JavaFX skins and controls the pages create on their first visit while the user fills in
 * the start screen, so that the FX thread does not load them then. Classes are loaded, not
 * initialised: a control's static initialiser may expect the FX thread.
 *
 * <p>Kept because it measurably pays, and no more than that (ConsolePulseBenchmark, 10,000
 * connections, 2,000 events/s, two runs each way, docs/benchmarks.md "Fourth round"): the first visit
 * of Connections held the FX thread at most 81-85 ms of CPU with it, 98-99 ms without; the other
 * pages' first visits 1-6 ms less; connecting (the shell and the first page, 149-166 ms) not at all.
 * Without any warm-up no first visit exceeded 100 ms either, so the console's own classes, its
 * records' generated methods and the JVM's first string concatenation, which an earlier warm-up also
 * paid for, are left to the FX thread.
 *
 * <p>Threads: its own daemon thread ({@code console-warmup}) at minimum priority; class loading is
 * thread-safe, so racing the FX thread for a class is harmless.
 */
public final class Warmup {
    private static final List<String> CLASSES = List.of(
            "javafx.fxml.FXMLLoader",
            "javafx.scene.control.skin.TableViewSkin", "javafx.scene.control.skin.TableRowSkin",
            "javafx.scene.control.skin.TableCellSkin", "javafx.scene.control.skin.TableHeaderRow",
            "javafx.scene.control.skin.NestedTableColumnHeader", "javafx.scene.control.skin.TableColumnHeader",
            "javafx.scene.control.skin.TreeTableViewSkin", "javafx.scene.control.skin.TreeTableRowSkin",
            "javafx.scene.control.skin.TreeTableCellSkin", "javafx.scene.control.skin.VirtualFlow",
            "javafx.scene.control.skin.ListViewSkin", "javafx.scene.control.skin.ListCellSkin",
            "javafx.scene.control.skin.SplitPaneSkin", "javafx.scene.control.skin.ScrollPaneSkin",
            "javafx.scene.control.skin.TextFieldSkin", "javafx.scene.control.skin.TextAreaSkin",
            "javafx.scene.control.skin.ComboBoxListViewSkin", "javafx.scene.control.skin.ChoiceBoxSkin",
            "javafx.scene.control.skin.SpinnerSkin", "javafx.scene.control.skin.MenuButtonSkin",
            "javafx.scene.control.skin.HyperlinkSkin", "javafx.scene.control.skin.ToggleButtonSkin",
            "javafx.scene.control.skin.ProgressBarSkin", "javafx.scene.control.skin.ProgressIndicatorSkin",
            "javafx.scene.control.skin.ButtonSkin", "javafx.scene.control.skin.LabelSkin",
            "javafx.scene.control.skin.CheckBoxSkin", "javafx.scene.control.skin.TooltipSkin",
            "javafx.scene.chart.LineChart", "javafx.scene.chart.NumberAxis");

    private Warmup() {
    }

    public static void start() {
        Thread t = new Thread(Warmup::run, "console-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run() {
        ClassLoader loader = Warmup.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // a class renamed in a later JavaFX is only a missed warm-up
            }
        }
    }
}
