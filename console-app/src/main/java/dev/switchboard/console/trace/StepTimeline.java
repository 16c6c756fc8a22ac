package dev.switchboard.console.trace;

import dev.switchboard.console.ui.Format;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * A vertical timeline of {@link TraceStep}s: per step a row with the local time and under it the time
 * since the step before ({@code +4 ms}) and since the first ({@code Σ +5 ms}), a coloured dot on a
 * line joining the steps, then the step's title and detail. The time column has a fixed width so the
 * dots line up.
 *
 * <p>Threads: a node; JavaFX thread only.
 */
public final class StepTimeline extends VBox {
    public StepTimeline() {
        getStyleClass().add("step-timeline");
    }

    public void show(List<TraceStep> steps) {
        List<HBox> rows = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            rows.add(row(steps.get(i), i == steps.size() - 1));
        }
        getChildren().setAll(rows);
    }

    private static HBox row(TraceStep s, boolean last) {
        Label time = new Label(s.at() == null ? "—" : Format.clock(s.at().toEpochMilli()));
        time.getStyleClass().addAll("trace-step-time", "mono");
        Label previous = new Label(s.sincePreviousText());
        previous.getStyleClass().addAll("trace-step-delta", "mono");
        Label first = new Label(s.sinceFirst() == null ? "" : "\u03a3 " + s.sinceFirstText());
        first.getStyleClass().addAll("trace-step-total", "mono", "muted");
        VBox when = new VBox(time, previous, first);
        when.getStyleClass().add("trace-step-when");

        Region dot = new Region();
        dot.getStyleClass().addAll("status-dot", "trace-dot", s.styleClass());
        Region line = new Region();
        line.getStyleClass().add("trace-line");
        line.setVisible(!last);
        VBox.setVgrow(line, Priority.ALWAYS);
        VBox rail = new VBox(dot, line);
        rail.getStyleClass().add("trace-rail");
        rail.setAlignment(Pos.TOP_CENTER);

        Label title = new Label(s.title());
        title.getStyleClass().add("trace-step-title");
        title.setWrapText(true);
        Label detail = new Label(s.detail());
        detail.getStyleClass().addAll("trace-step-detail", "muted");
        detail.setWrapText(true);
        VBox text = new VBox(title, detail);
        text.getStyleClass().add("trace-step-text");
        HBox.setHgrow(text, Priority.ALWAYS);

        HBox row = new HBox(when, rail, text);
        row.getStyleClass().add("trace-step");
        return row;
    }
}
