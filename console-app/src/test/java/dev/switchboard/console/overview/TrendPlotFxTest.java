package dev.switchboard.console.overview;

import dev.switchboard.console.testing.FxPage;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chart drawn headless and read back as pixels: a line with a gap has no ink over the gap (the pen
 * is lifted, not dragged across the outage), ink where it has points, and the reasons chart names its
 * lines in a legend in the lines' own colours.
 */
@ExtendWith(ApplicationExtension.class)
class TrendPlotFxTest {
    private static final long NEWEST = 300_000;
    private final Trend trend = new Trend("Connections", "", OverviewTrends::whole);
    private final Trend reasons = new Trend("Failures", "", OverviewTrends::whole);
    private TrendTile tile;
    private TrendTile reasonsTile;

    @Start
    void start(Stage stage) {
        // 0:20 to 1:40 at 7, the link down for two minutes, then 3:40 to 5:00 at 3
        for (long at = 20_000; at <= 100_000; at += 1_000) {
            trend.add("Connections", at, 7);
            trend.advance(at);
        }
        trend.breakLines();
        for (long at = 220_000; at <= NEWEST; at += 1_000) {
            trend.add("Connections", at, 3);
            trend.advance(at);
        }
        reasons.add("slow_consumer", NEWEST, 2);
        reasons.add("injected_drop", NEWEST, 1);
        reasons.advance(NEWEST);
        tile = new TrendTile();
        tile.show(trend);
        reasonsTile = new TrendTile();
        reasonsTile.show(reasons);
        javafx.scene.layout.VBox both = new javafx.scene.layout.VBox(tile, reasonsTile);
        stage.setScene(new Scene(both, 600, 500));
        stage.show();
    }

    /** How many pixels of the column at {@code fraction} of the plot's time axis are in the first line's colour. */
    private int inkAt(double fraction) {
        return FxPage.read(() -> {
            TrendPlot plot = tile.plot();
            plot.layout();
            WritableImage image = plot.snapshot(null, null);
            Color line = (Color) TrendPlot.lineColor(0);
            PixelReader px = image.getPixelReader();
            // the plot area spans from the widest value label to the right edge; the time axis is linear
            // in between, so sample well inside the segments and the gap
            int x = (int) Math.round(image.getWidth() * fraction);
            int ink = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                Color c = px.getColor(x, y);
                if (Math.abs(c.getRed() - line.getRed()) < 0.15 && Math.abs(c.getGreen() - line.getGreen()) < 0.15
                        && Math.abs(c.getBlue() - line.getBlue()) < 0.15) {
                    ink++;
                }
            }
            return ink;
        });
    }

    @Test
    void theGapHasNoLineAcrossItAndBothSegmentsAreDrawn() {
        assertThat(inkAt(0.22)).as("the segment before the outage (0:20-1:40)").isPositive();
        assertThat(inkAt(0.55)).as("the outage (1:40-3:40): nothing drawn").isZero();
        assertThat(inkAt(0.90)).as("the segment after it (3:40-5:00)").isPositive();
        List<List<List<Double>>> drawn = FxPage.read(() -> tile.plot().drawn());
        assertThat(drawn).hasSize(1);
        assertThat(drawn.get(0)).as("two segments").hasSize(2);
        assertThat(drawn.get(0).get(0)).containsOnly(7.0);
        assertThat(drawn.get(0).get(1)).containsOnly(3.0);
    }

    @Test
    void oneLineNamedAfterTheChartHasNoLegendAndReasonsHaveOne() {
        assertThat(FxPage.read(() -> tile.legendEntries())).isEmpty();
        assertThat(FxPage.read(() -> reasonsTile.legendEntries())).containsExactly("slow_consumer", "injected_drop");
        assertThat(TrendPlot.lineColor(0)).as("the two reasons in two colours").isNotEqualTo(TrendPlot.lineColor(1));
    }
}
