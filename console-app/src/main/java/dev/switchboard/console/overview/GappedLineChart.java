package dev.switchboard.console.overview;

import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;

import java.util.HashSet;
import java.util.Set;

/**
 * A line chart that leaves gaps: a data point whose extra value is {@link #SEGMENT_START} is moved to,
 * not drawn to, so the time before it (an outage of the admin link) shows as no line at all. JavaFX's
 * line chart draws each series as one path through all its points; this one lets it, then turns the
 * path's line to each segment start into a move, found by the x position the chart itself computed.
 *
 * <p>Threads: the JavaFX thread.
 */
final class GappedLineChart extends LineChart<Number, Number> {
    static final Object SEGMENT_START = new Object();

    GappedLineChart(NumberAxis x, NumberAxis y) {
        super(x, y);
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        for (Series<Number, Number> series : getData()) {
            if (series.getNode() instanceof Path path) {
                breakAtSegmentStarts(series, path.getElements());
            }
        }
    }

    private void breakAtSegmentStarts(Series<Number, Number> series, ObservableList<PathElement> elements) {
        Set<Double> starts = new HashSet<>();
        for (Data<Number, Number> d : series.getData()) {
            if (d.getExtraValue() == SEGMENT_START) {
                starts.add(getXAxis().getDisplayPosition(d.getXValue()));
            }
        }
        if (starts.isEmpty()) {
            return;
        }
        for (int i = 1; i < elements.size(); i++) {
            if (elements.get(i) instanceof LineTo line && starts.contains(line.getX())) {
                elements.set(i, new MoveTo(line.getX(), line.getY()));
            }
        }
    }
}
