package dev.switchboard.bench;

import dev.switchboard.console.ui.ReadingGrid;
import javafx.fxml.FXMLLoader;
import javafx.scene.layout.GridPane;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What FXML's static properties cost: the same form of {@code --labels} labels and values, two to a
 * row, loaded by FXMLLoader as a {@link GridPane} whose children carry {@code GridPane.rowIndex} and
 * {@code GridPane.columnIndex} (FXMLLoader looks each one up by reflection, class by class, an
 * exception per miss), and as a {@link ReadingGrid} (the children in reading order, no static
 * property). Each form is loaded {@code --rounds} times, alternately, after {@code --warmup} loads of
 * each; prints the median and the slowest load's CPU time of the loading thread.
 *
 * <pre>
 * java -XX:TieredStopAtLevel=1 -cp benchmarks/target/switchboard-benchmarks.jar dev.switchboard.bench.FxmlGridBenchmark
 *      [--labels 40] [--rounds 50] [--warmup 20]
 * </pre>
 */
public final class FxmlGridBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FxmlGridBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions opts = BenchOptions.parse(args);
        int labels = opts.integer("labels", 40);
        int rounds = opts.integer("rounds", 50);
        int warmup = opts.integer("warmup", 20);
        HeadlessConsole.startToolkit();
        String withIndexes = form(labels, true);
        String inReadingOrder = form(labels, false);
        for (int i = 0; i < warmup; i++) {
            cpuToLoad(withIndexes);
            cpuToLoad(inReadingOrder);
        }
        long[] a = new long[rounds];
        long[] b = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            a[i] = cpuToLoad(withIndexes);
            b[i] = cpuToLoad(inReadingOrder);
        }
        System.out.printf("FXML form of %d labels, %d loads each after %d warm-up loads, java %s %s%n", labels, rounds,
                warmup, System.getProperty("java.version"), ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.printf("| form | static properties | CPU per load, median ms | slowest ms |%n|---|---:|---:|---:|%n");
        System.out.printf("| GridPane, rowIndex and columnIndex on each | %d | %.2f | %.2f |%n", 2 * labels, median(a), max(a));
        System.out.printf("| ReadingGrid, reading order | 0 | %.2f | %.2f |%n", median(b), max(b));
        System.exit(0);
    }

    /** {@code n} labels, two to a row. */
    private static String form(int n, boolean indexes) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><?import javafx.scene.control.Label?>"
                + "<?import javafx.scene.layout.GridPane?><?import dev.switchboard.console.ui.ReadingGrid?>");
        b.append(indexes ? "<GridPane" : "<ReadingGrid columns=\"2\"").append(" xmlns:fx=\"http://javafx.com/fxml\">");
        for (int i = 0; i < n; i++) {
            b.append("<Label text=\"field ").append(i).append('"');
            if (indexes) {
                b.append(" GridPane.rowIndex=\"").append(i / 2).append("\" GridPane.columnIndex=\"").append(i % 2).append('"');
            }
            b.append("/>");
        }
        return b.append(indexes ? "</GridPane>" : "</ReadingGrid>").toString();
    }

    private static long cpuToLoad(String fxml) throws IOException {
        long start = THREADS.getCurrentThreadCpuTime();
        Object root = new FXMLLoader().load(new ByteArrayInputStream(fxml.getBytes(StandardCharsets.UTF_8)));
        if (!(root instanceof GridPane)) {
            throw new IllegalStateException("loaded " + root);
        }
        return THREADS.getCurrentThreadCpuTime() - start;
    }

    private static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }

    private static double max(long[] nanos) {
        return Arrays.stream(nanos).max().orElse(0) / 1e6;
    }
}
