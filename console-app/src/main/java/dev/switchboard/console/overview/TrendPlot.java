package dev.switchboard.console.overview;

import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.css.converter.PaintConverter;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The plot of one {@link TrendTile}: the last five minutes of a trend's lines drawn on one canvas,
 * with the value axis on the left (0 and a few round steps) and the time axis at the bottom counting
 * back from the newest frame ("now", "−1 min" … "−5 min"). A line's gaps (the link was down) are
 * gaps: each segment is drawn on its own.
 *
 * <p>Why a canvas and not a {@code LineChart}: the Overview is the first page a console shows, and
 * seven line charts were most of the cost of connecting (two axes of tick-label nodes each, a path
 * per line, CSS over all of it, and a full relayout every second). One canvas per chart is one node;
 * changes mark it dirty and it repaints once in the next layout pass, however many lines changed.
 *
 * <p>The labels' and grid's colours come from CSS ({@code -sb-plot-text}, {@code -sb-plot-grid}), so the
 * light and dark themes apply; the lines' are AtlantaFX's chart colours ({@link #lineColor}).
 *
 * <p>Threads: the JavaFX thread.
 */
public final class TrendPlot extends Region {
    private static final double LEFT_GAP = 6;
    private static final double TICK_FONT_SIZE = 10;
    private static final int VALUE_STEPS = 4;

    private final Canvas canvas = new Canvas();
    private final Text measure = new Text();
    private final Font font = Font.font(TICK_FONT_SIZE);
    private final List<TrendLine> lines = new ArrayList<>();
    private DoubleFunction<String> format = v -> String.format(Locale.ROOT, "%.0f", v);
    private long newestMillis;
    private boolean dirty = true;
    /** What the last paint drew, per line: its segments' values, for tests and for nothing else. */
    private List<List<List<Double>>> drawn = List.of();

    private final StyleableObjectProperty<Paint> textPaint = paint(TEXT, "textPaint");
    private final StyleableObjectProperty<Paint> gridPaint = paint(GRID, "gridPaint");

    public TrendPlot() {
        getStyleClass().add("trend-plot");
        measure.setFont(font);
        getChildren().add(canvas);
        setMinSize(120, 90);
        setPrefSize(360, 180);
    }

    private StyleableObjectProperty<Paint> paint(CssMetaData<TrendPlot, Paint> meta, String name) {
        return new SimpleStyleableObjectProperty<>(meta, this, name, meta.getInitialValue(this)) {
            @Override
            protected void invalidated() {
                repaint();
            }
        };
    }

    /** How values read on the axis. */
    void setFormat(DoubleFunction<String> format) {
        this.format = format;
        repaint();
    }

    /** Draws {@code line} from now on, in the next colour. */
    void addLine(TrendLine line) {
        lines.add(line);
        repaint();
    }

    /** Moves the right edge to the newest frame's time. */
    void setNewest(long newestMillis) {
        this.newestMillis = newestMillis;
        repaint();
    }

    /** The colour of the {@code i}th line, also its legend entry's. */
    static Paint lineColor(int i) {
        return LINE_COLORS[i % LINE_COLORS.length];
    }

    /** Marks the plot for a repaint in the next layout pass (several changes in one pulse paint once). */
    void repaint() {
        dirty = true;
        requestLayout();
    }

    /** The values the last paint drew, per line and segment (a gap separates segments). Tests. */
    List<List<List<Double>>> drawn() {
        return drawn;
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth() - snappedLeftInset() - snappedRightInset());
        double h = snapSizeY(getHeight() - snappedTopInset() - snappedBottomInset());
        if (w != canvas.getWidth() || h != canvas.getHeight()) {
            canvas.setWidth(Math.max(0, w));
            canvas.setHeight(Math.max(0, h));
            dirty = true;
        }
        canvas.relocate(snappedLeftInset(), snappedTopInset());
        if (dirty) {
            dirty = false;
            paint();
        }
    }

    private void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (w < 40 || h < 30) {
            drawn = List.of();
            return;
        }
        double max = 0;
        for (TrendLine l : lines) {
            for (TrendPoint p : l.points()) {
                max = Math.max(max, p.value());
            }
        }
        double step = niceStep(max <= 0 ? 1 : max / VALUE_STEPS);
        double top = max <= 0 ? 1 : Math.ceil(max / step) * step;
        if (max <= 0) {
            step = 1; // nothing yet: 0 and 1, no fractions of a whole count
        }
        List<String> valueLabels = new ArrayList<>();
        double labelWidth = 0;
        for (double v = 0; v <= top + step / 2; v += step) {
            String s = v == 0 ? "0" : format.apply(v);
            valueLabels.add(s);
            labelWidth = Math.max(labelWidth, textWidth(s));
        }
        double fontHeight = textHeight();
        double left = Math.ceil(labelWidth) + LEFT_GAP;
        double bottom = h - fontHeight - 4;
        double topY = fontHeight / 2;
        double right = w - textWidth("now") / 2 - 1;
        double plotW = right - left;
        double plotH = bottom - topY;
        if (plotW < 20 || plotH < 10) {
            drawn = List.of();
            return;
        }

        g.setFont(font);
        g.setLineWidth(1);
        g.setFill(textPaint.get());
        g.setStroke(gridPaint.get());
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        for (int i = 0; i < valueLabels.size(); i++) {
            double y = snap(bottom - plotH * (i * step) / top);
            g.strokeLine(left, y, right, y);
            g.fillText(valueLabels.get(i), left - LEFT_GAP, y);
        }
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        long windowSeconds = Trend.WINDOW_MILLIS / 1000;
        double minuteWidth = plotW * 60 / windowSeconds;
        // every minute labelled when the labels fit side by side, else every other one
        long labelEvery = minuteWidth >= textWidth("−5 min") + 8 ? 60 : 120;
        for (long ago = 0; ago <= windowSeconds; ago += labelEvery) {
            String label = ago == 0 ? "now" : "−" + ago / 60 + " min";
            double half = textWidth(label) / 2;
            double x = Math.max(half, Math.min(w - half, right - plotW * ago / windowSeconds));
            g.fillText(label, x, bottom + 3);
        }

        List<List<List<Double>>> painted = new ArrayList<>();
        double from = newestMillis - Trend.WINDOW_MILLIS;
        g.setLineWidth(1.5);
        for (int i = 0; i < lines.size(); i++) {
            g.setStroke(lineColor(i));
            List<List<Double>> segments = new ArrayList<>();
            for (List<TrendPoint> segment : lines.get(i).segments()) {
                List<Double> values = new ArrayList<>(segment.size());
                g.beginPath();
                for (int k = 0; k < segment.size(); k++) {
                    TrendPoint p = segment.get(k);
                    double x = left + plotW * (p.at() - from) / Trend.WINDOW_MILLIS;
                    double y = bottom - plotH * Math.max(0, p.value()) / top;
                    if (k == 0) {
                        g.moveTo(x, y);
                    } else {
                        g.lineTo(x, y);
                    }
                    values.add(p.value());
                }
                g.stroke();
                segments.add(values);
            }
            painted.add(segments);
        }
        drawn = painted;
    }

    private static double snap(double y) {
        return Math.floor(y) + 0.5;
    }

    private double textWidth(String s) {
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }

    private double textHeight() {
        measure.setText("0");
        return measure.getLayoutBounds().getHeight();
    }

    /** 1, 2 or 5 times a power of ten, the smallest at least {@code raw}: axis steps people read. */
    static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw * (1 - 1e-9)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    // ---- CSS ------------------------------------------------------------------------------------

    /**
     * AtlantaFX's chart colours (-color-chart-1, 4, 3, 6, 2, 5, 7, 8: the first two far apart, for p50
     * and p99): the same in its light and dark themes, so one list serves both.
     */
    private static final Paint[] LINE_COLORS = {Color.web("#f3622d"), Color.web("#41a9c9"), Color.web("#57b757"),
            Color.web("#9a42c8"), Color.web("#fba71b"), Color.web("#4258c9"), Color.web("#c84164"), Color.web("#888888")};

    private static final CssMetaData<TrendPlot, Paint> TEXT = paintMeta("-sb-plot-text", Color.web("#57606a"), p -> p.textPaint);
    private static final CssMetaData<TrendPlot, Paint> GRID = paintMeta("-sb-plot-grid", Color.web("#d0d7de"), p -> p.gridPaint);
    private static final List<CssMetaData<? extends Styleable, ?>> CSS;

    static {
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Region.getClassCssMetaData());
        all.add(TEXT);
        all.add(GRID);
        CSS = List.copyOf(all);
    }

    private static CssMetaData<TrendPlot, Paint> paintMeta(String property, Paint initial,
                                                           Function<TrendPlot, StyleableObjectProperty<Paint>> field) {
        return new CssMetaData<>(property, PaintConverter.getInstance(), initial) {
            @Override
            public boolean isSettable(TrendPlot p) {
                return !field.apply(p).isBound();
            }

            @Override
            public StyleableProperty<Paint> getStyleableProperty(TrendPlot p) {
                return field.apply(p);
            }
        };
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS;
    }
}
