package dev.switchboard.console.ui;

import dev.switchboard.model.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Pays the JVM's one-time costs on a background thread while the user reads the start screen, so
 * that the first visit of a page does not pay them on the FX thread. Measured with
 * ConsolePulseBenchmark: in a cold JVM the first build of a page held the FX thread 100-470 ms, most of
 * it loading classes (the console's, the controls its FXML names and their skins) and bootstrapping
 * the JVM's generated code for record equality and string concatenation.
 *
 * <p>Classes are only loaded here, not initialised (a control's static initialiser may expect the FX
 * thread), except the console's own records, whose generated methods are linked. Nothing here
 * touches a scene. Threads: its own daemon thread ({@code console-warmup}) at
 * minimum priority; the work is idempotent and racing the FX thread for a class is harmless (class
 * loading is thread-safe).
 */
public final class Warmup {
    private static final String CONSOLE_PACKAGE = "dev/switchboard/console/";
    /** Controls and skins the pages use, beyond those their FXML imports name. */
    private static final List<String> JAVAFX = List.of(
            "javafx.fxml.FXMLLoader",
            "javafx.scene.control.TableView", "javafx.scene.control.TableColumn", "javafx.scene.control.TableRow",
            "javafx.scene.control.TableCell", "javafx.scene.control.TreeTableView", "javafx.scene.control.TreeTableRow",
            "javafx.scene.control.TreeTableCell", "javafx.scene.control.TreeItem", "javafx.scene.control.ListView",
            "javafx.scene.control.ListCell", "javafx.scene.control.SplitPane", "javafx.scene.control.ScrollPane",
            "javafx.scene.control.TextField", "javafx.scene.control.TextArea", "javafx.scene.control.ComboBox",
            "javafx.scene.control.ChoiceBox", "javafx.scene.control.Spinner", "javafx.scene.control.MenuButton",
            "javafx.scene.control.Hyperlink", "javafx.scene.control.ToggleButton", "javafx.scene.control.ProgressBar",
            "javafx.scene.control.ProgressIndicator", "javafx.scene.control.Tooltip", "javafx.scene.control.Alert",
            "javafx.scene.chart.LineChart", "javafx.scene.chart.NumberAxis", "javafx.scene.chart.XYChart",
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
            "javafx.scene.control.skin.CheckBoxSkin", "javafx.scene.control.skin.TooltipSkin");

    private Warmup() {
    }

    public static void start() {
        Thread t = new Thread(Warmup::run, "console-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run() {
        long started = System.nanoTime();
        ClassLoader loader = Warmup.class.getClassLoader();
        List<String> names = new ArrayList<>(JAVAFX);
        names.addAll(consoleClasses());
        int loaded = 0;
        List<Class<?>> records = new ArrayList<>();
        for (String name : names) {
            try {
                Class<?> c = Class.forName(name, false, loader);
                loaded++;
                if (c.isRecord() && c.getName().startsWith("dev.switchboard.console.")) {
                    records.add(c);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // a renamed class is only a missed warm-up
            }
        }
        jvmOnce();
        records.forEach(Warmup::linkRecordMethods);
        // looked up here, not in a static field: starting the logging framework is itself a cold cost
        Logger log = LoggerFactory.getLogger(Warmup.class);
        log.debug("warm-up loaded {} classes in {} ms", loaded, (System.nanoTime() - started) / 1_000_000);
    }

    /** The JVM generates code on the first record comparison, string concatenation and time parse. */
    private static void jvmOnce() {
        record Probe(long offset, String room) {
        }
        Probe a = new Probe(System.nanoTime(), "room");
        Probe b = new Probe(a.offset(), "room");
        if (a.equals(b) && a.hashCode() == b.hashCode() && !a.toString().isEmpty()) {
            String concatenated = "probe " + a.offset() + " in " + a.room() + " at " + Instant.parse("2026-01-01T00:00:00.123Z");
            Format.dateTime(Instant.now().toString());
            Format.duration(Duration.ofSeconds(a.offset() % 1000));
            try {
                Json.parse("{\"probe\":[1,2.5,\"" + concatenated + "\"]}");
            } catch (IOException e) {
                // not reached: the text is valid JSON
            }
        }
    }

    /**
     * A record's equals, hashCode and toString are linked by the JVM on their first call (an
     * invokedynamic bootstrap): ConsolePulseBenchmark caught {@code EventRow.equals} doing so for tens
     * of milliseconds inside a table cell update on the FX thread. Called here once on an instance
     * with default components; a record that refuses those (a validating constructor) is skipped.
     */
    private static void linkRecordMethods(Class<?> record) {
        try {
            RecordComponent[] components = record.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = defaultValue(types[i]);
            }
            Constructor<?> canonical = record.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            Object a = canonical.newInstance(values);
            Object b = canonical.newInstance(values);
            if (a.equals(b) && a.hashCode() == b.hashCode()) {
                a.toString();
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // only a missed warm-up
        }
    }

    private static Object defaultValue(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        return Array.get(Array.newInstance(type, 1), 0);
    }

    /** Every class of the console, from its jar or its classes folder. */
    private static List<String> consoleClasses() {
        List<String> names = new ArrayList<>();
        try {
            Path source = Path.of(Warmup.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(source)) {
                Path root = source.resolve(CONSOLE_PACKAGE);
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(p -> p.toString().endsWith(".class"))
                            .forEach(p -> names.add(className(source.relativize(p).toString())));
                }
            } else {
                try (JarFile jar = new JarFile(source.toFile())) {
                    jar.stream().map(JarEntry::getName)
                            .filter(n -> n.startsWith(CONSOLE_PACKAGE) && n.endsWith(".class"))
                            .forEach(n -> names.add(className(n)));
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            LoggerFactory.getLogger(Warmup.class).debug("warm-up could not list the console's classes: {}", e.toString());
        }
        return names;
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.').replace('\\', '.');
    }
}
