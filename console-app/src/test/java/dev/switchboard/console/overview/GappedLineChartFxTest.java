package dev.switchboard.console.overview;

import dev.switchboard.console.testing.FxPage;
import javafx.scene.Scene;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A chart line with a gap, drawn (headless): the pen is lifted across the gap, not dragged over it. */
@ExtendWith(ApplicationExtension.class)
class GappedLineChartFxTest {
    private final Trend trend = new Trend("Connections", "", OverviewTrends::whole);
    private TrendTile tile;

    @Start
    void start(Stage stage) {
        for (long at = 10_000; at <= 12_000; at += 1_000) {
            trend.add("Connections", at, 7);
            trend.advance(at);
        }
        trend.breakLines();
        for (long at = 40_000; at <= 42_000; at += 1_000) {
            trend.add("Connections", at, 3);
            trend.advance(at);
        }
        tile = new TrendTile();
        tile.show(trend);
        stage.setScene(new Scene(tile, 600, 300));
        stage.show();
    }

    @Test
    void theLineMovesToTheFirstPointAfterTheGapInsteadOfDrawingToIt() {
        List<PathElement> path = FxPage.read(() -> {
            tile.layout();
            return List.copyOf(((Path) tile.chart().getData().get(0).getNode()).getElements());
        });
        assertThat(path.stream().filter(MoveTo.class::isInstance)).as("one move to start, one after the gap").hasSize(2);
        assertThat(path.stream().filter(LineTo.class::isInstance)).as("both segments are drawn").isNotEmpty();
        double gapAt = FxPage.read(() -> tile.chart().getXAxis().getDisplayPosition(40.0));
        assertThat(path.stream().filter(e -> e instanceof LineTo l && l.getX() == gapAt)).as("no line drawn to 40 s").isEmpty();
    }
}
