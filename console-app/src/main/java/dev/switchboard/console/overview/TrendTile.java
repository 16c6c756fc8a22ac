package dev.switchboard.console.overview;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One chart of the overview, for FXML ({@code <TrendTile fx:id="deliveriesChart"/>}): the trend's title
 * with its current value big beside it, and a line chart of the last five minutes whose right edge is
 * the newest stats frame ("now") and whose x labels count back in minutes. The chart mirrors the
 * trend's point lists change by change (one point in, the oldest out, once a second), with animation
 * and symbols off, so the FX thread re-lays one path per line a second and nothing more. A line's
 * gaps (the link was down) stay gaps ({@link GappedLineChart}).
 *
 * <p>Threads: the JavaFX thread, like the trend it shows.
 */
public final class TrendTile extends VBox {
    private final Label title = new Label();
    private final Label value = new Label("—");
    private final Label empty = new Label();
    private final NumberAxis time = new NumberAxis();
    private final NumberAxis values = new NumberAxis();
    private final LineChart<Number, Number> chart = new GappedLineChart(time, values);
    private final List<TrendLine> shown = new ArrayList<>();

    public TrendTile() {
        getStyleClass().add("trend-tile");
        title.getStyleClass().add("chart-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        value.setMinWidth(Region.USE_PREF_SIZE);
        value.getStyleClass().add("trend-value");
        empty.getStyleClass().add("muted");
        empty.setWrapText(true);
        empty.setMouseTransparent(true);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(8, title, gap, value);
        header.setAlignment(Pos.BASELINE_LEFT);
        // A narrow tile (a small window) puts the figure under the title instead of cutting either or
        // widening the page: the header asks for no width of its own.
        header.setMinWidth(0);
        HBox below = new HBox();
        below.setMinWidth(0);
        widthProperty().addListener((o, was, now) -> placeValue(header, below, now.doubleValue()));

        time.setAutoRanging(false);
        time.setTickUnit(60);
        time.setMinorTickCount(0);
        time.setLowerBound(-Trend.WINDOW_MILLIS / 1000.0);
        time.setUpperBound(0);
        time.setTickLabelFormatter(new SecondsAgo());
        values.setForceZeroInRange(true);
        values.setMinorTickVisible(false);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setVerticalGridLinesVisible(false);
        // A chart hides its legend unless 150 px are left for the plot: room for one legend row.
        chart.setMinHeight(150);
        chart.setPrefHeight(195);
        StackPane plot = new StackPane(chart, empty);
        VBox.setVgrow(plot, Priority.ALWAYS);
        getChildren().addAll(header, below, plot);
    }

    private void placeValue(HBox header, HBox below, double width) {
        double needed = title.prefWidth(-1) + 8 + value.prefWidth(-1) + snappedLeftInset() + snappedRightInset();
        boolean beside = width >= needed;
        if (beside && below.getChildren().contains(value)) {
            below.getChildren().clear();
            header.getChildren().add(value);
        } else if (!beside && header.getChildren().contains(value)) {
            header.getChildren().remove(value);
            below.getChildren().add(value);
        }
    }

    /** The chart, for tests. */
    LineChart<Number, Number> chart() {
        return chart;
    }

    /** Shows {@code trend} from now on. */
    void show(Trend trend) {
        title.setText(trend.title());
        value.textProperty().bind(trend.currentTextProperty());
        empty.setText(trend.emptyText());
        values.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n.doubleValue() == 0 ? "0" : trend.format().apply(n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        trend.lines().forEach(l -> addLine(trend, l));
        trend.lines().addListener((ListChangeListener<TrendLine>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(l -> addLine(trend, l));
            }
        });
        trend.newestProperty().addListener((o, was, now) -> moveWindow(now.longValue()));
        moveWindow(trend.newestProperty().get());
        updateEmpty();
    }

    private void addLine(Trend trend, TrendLine line) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(line.name());
        ObservableList<XYChart.Data<Number, Number>> data = series.getData();
        data.addAll(toData(line.points()));
        line.points().addListener((ListChangeListener<TrendPoint>) c -> {
            while (c.next()) {
                if (c.wasRemoved()) {
                    data.remove(c.getFrom(), c.getFrom() + c.getRemovedSize());
                }
                if (c.wasAdded()) {
                    data.addAll(c.getFrom(), toData(c.getAddedSubList()));
                }
            }
            updateEmpty();
        });
        shown.add(line);
        chart.getData().add(series);
        // One line named after the chart needs no legend; reasons and percentiles do.
        chart.setLegendVisible(shown.size() > 1 || !line.name().equals(trend.title()));
        updateEmpty();
    }

    private static List<XYChart.Data<Number, Number>> toData(List<? extends TrendPoint> points) {
        List<XYChart.Data<Number, Number>> out = new ArrayList<>(points.size());
        for (TrendPoint p : points) {
            out.add(p.startsSegment() ? new XYChart.Data<>(p.at() / 1000.0, p.value(), GappedLineChart.SEGMENT_START)
                    : new XYChart.Data<>(p.at() / 1000.0, p.value()));
        }
        return out;
    }

    private void moveWindow(long newestMillis) {
        if (newestMillis <= 0) {
            return;
        }
        double right = newestMillis / 1000.0;
        time.setUpperBound(right);
        time.setLowerBound(right - Trend.WINDOW_MILLIS / 1000.0);
    }

    /** Shows the placeholder while there is no point; keeps an all-zero chart at 0..1, not 0..0. */
    private void updateEmpty() {
        empty.setVisible(shown.stream().allMatch(l -> l.points().isEmpty()));
        boolean flat = shown.stream().flatMap(l -> l.points().stream()).allMatch(p -> p.value() == 0);
        if (flat && values.isAutoRanging()) {
            values.setAutoRanging(false);
            values.setLowerBound(0);
            values.setUpperBound(1);
            values.setTickUnit(0.25);
        } else if (!flat && !values.isAutoRanging()) {
            values.setAutoRanging(true);
        }
    }

    /** Time-axis labels relative to its right edge: "−5 min" … "now" (or "−2:30" between minutes). */
    private final class SecondsAgo extends StringConverter<Number> {
        @Override
        public String toString(Number n) {
            // The edge may have moved a second since the ticks were placed: a tick within 2 s of a
            // whole minute is that minute.
            long ago = Math.round(time.getUpperBound() - n.doubleValue());
            long minutes = Math.round(ago / 60.0);
            if (Math.abs(ago - minutes * 60) <= 2) {
                return minutes <= 0 ? "now" : "−" + minutes + " min";
            }
            return String.format(Locale.ROOT, "−%d:%02d", ago / 60, ago % 60);
        }

        @Override
        public Number fromString(String s) {
            throw new UnsupportedOperationException();
        }
    }
}
