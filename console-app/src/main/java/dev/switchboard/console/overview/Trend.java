package dev.switchboard.console.overview;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.function.DoubleFunction;

/**
 * What one overview chart shows: a title, its lines over a rolling window of the last five minutes
 * (one point per stats frame, so about 300 a line), the time of the newest frame (the chart's right
 * edge) and the current value, big next to the title. Lines can appear later (a failure reason
 * seen for the first time). A view model object: javafx-base only, no toolkit needed.
 *
 * <p>Threads: changed on the UI thread only.
 */
final class Trend {
    static final long WINDOW_MILLIS = 5 * 60_000;

    private final String title;
    private final String emptyText;
    private final DoubleFunction<String> format;
    private final ObservableList<TrendLine> lines = FXCollections.observableArrayList();
    private final ObservableList<TrendLine> readOnlyLines = FXCollections.unmodifiableObservableList(lines);
    private final LongProperty newest = new SimpleLongProperty();
    private final DoubleProperty current = new SimpleDoubleProperty(Double.NaN);
    private final StringProperty currentText = new SimpleStringProperty("—");

    /**
     * @param emptyText what the chart says while it has no point
     * @param format    how values read, on the axis and as the current value
     */
    Trend(String title, String emptyText, DoubleFunction<String> format) {
        this.title = title;
        this.emptyText = emptyText;
        this.format = format;
    }

    // ---- properties -----------------------------------------------------------------------------

    String title() {
        return title;
    }

    String emptyText() {
        return emptyText;
    }

    DoubleFunction<String> format() {
        return format;
    }

    ObservableList<TrendLine> lines() {
        return readOnlyLines;
    }

    /** The newest frame's time (the gateway's clock, epoch ms), 0 before the first. */
    ReadOnlyLongProperty newestProperty() {
        return newest;
    }

    ReadOnlyDoubleProperty currentProperty() {
        return current;
    }

    double current() {
        return current.get();
    }

    ReadOnlyStringProperty currentTextProperty() {
        return currentText;
    }

    // ---- changes --------------------------------------------------------------------------------

    /** The line called {@code name}, added on first use. */
    TrendLine line(String name) {
        for (TrendLine l : lines) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        TrendLine l = new TrendLine(name);
        lines.add(l);
        return l;
    }

    /** Adds a point to a line; a NaN value (no rate yet, no delivery this second) adds none. */
    void add(String line, long at, double value) {
        if (!Double.isNaN(value)) {
            line(line).add(new TrendPoint(at, value));
        }
    }

    /** The stream started over after a gap: every line's next point starts a new segment. */
    void breakLines() {
        lines.forEach(TrendLine::breakHere);
    }

    /** A frame at {@code at} was added: moves the right edge and drops what left the window. */
    void advance(long at) {
        if (at <= newest.get()) {
            return;
        }
        newest.set(at);
        for (TrendLine l : lines) {
            l.trimBefore(at - WINDOW_MILLIS);
        }
    }

    /** Shows {@code value} as the current figure ("—" for NaN). */
    void show(double value) {
        current.set(value);
        currentText.set(Double.isNaN(value) ? "—" : format.apply(value));
    }

    /** Shows {@code value} as the current number but {@code text} as its figure (two lines in one). */
    void show(double value, String text) {
        current.set(value);
        currentText.set(text);
    }
}
