package dev.switchboard.console.overview;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.List;

/**
 * One chart of the overview, for FXML ({@code <TrendTile fx:id="deliveriesChart"/>}): the trend's title
 * with its current value big beside it, the last five minutes of its lines ({@link TrendPlot}: the
 * right edge is the newest stats frame, "now", and the time axis counts back in minutes), and a legend
 * when the lines need names (reasons, percentiles). Point changes only mark the plot for a repaint,
 * so a chart costs the FX thread one canvas paint a second. A line's gaps (the link was down) stay gaps.
 *
 * <p>Threads: the JavaFX thread, like the trend it shows.
 */
public final class TrendTile extends VBox {
    private final Label title = new Label();
    private final Label value = new Label("—");
    private final Label empty = new Label();
    private final TrendPlot plot = new TrendPlot();
    private final FlowPane legend = new FlowPane(10, 2);
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

        plot.setMinHeight(120);
        plot.setPrefHeight(170);
        legend.getStyleClass().add("trend-legend");
        legend.setMinWidth(0);
        legend.setVisible(false);
        legend.setManaged(false);
        StackPane area = new StackPane(plot, empty);
        VBox.setVgrow(area, Priority.ALWAYS);
        getChildren().addAll(header, below, area, legend);
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

    /** The plot, for tests. */
    TrendPlot plot() {
        return plot;
    }

    /** The legend's entries as shown (empty while one line named after the chart needs none), for tests. */
    List<String> legendEntries() {
        return legend.isVisible() ? legend.getChildren().stream().map(n -> ((Label) n).getText()).toList() : List.of();
    }

    /** Shows {@code trend} from now on. */
    void show(Trend trend) {
        title.setText(trend.title());
        value.textProperty().bind(trend.currentTextProperty());
        empty.setText(trend.emptyText());
        plot.setFormat(trend.format());
        trend.lines().forEach(l -> addLine(trend, l));
        trend.lines().addListener((ListChangeListener<TrendLine>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(l -> addLine(trend, l));
            }
        });
        trend.newestProperty().addListener((o, was, now) -> plot.setNewest(now.longValue()));
        plot.setNewest(trend.newestProperty().get());
        updateEmpty();
    }

    private void addLine(Trend trend, TrendLine line) {
        line.points().addListener((ListChangeListener<TrendPoint>) c -> {
            plot.repaint();
            updateEmpty();
        });
        shown.add(line);
        plot.addLine(line);
        Rectangle marker = new Rectangle(12, 3, TrendPlot.lineColor(shown.size() - 1));
        Label entry = new Label(line.name(), marker);
        entry.getStyleClass().add("trend-legend-entry");
        legend.getChildren().add(entry);
        // One line named after the chart needs no legend; reasons and percentiles do.
        boolean needed = shown.size() > 1 || !line.name().equals(trend.title());
        legend.setVisible(needed);
        legend.setManaged(needed);
        updateEmpty();
    }

    /** Shows the placeholder while there is no point. */
    private void updateEmpty() {
        empty.setVisible(shown.stream().allMatch(l -> l.points().isEmpty()));
    }
}
