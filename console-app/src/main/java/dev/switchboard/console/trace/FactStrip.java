package dev.switchboard.console.trace;

import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The header's facts side by side, each a small muted label over its value, wrapping when the window
 * is narrow. Threads: a node; JavaFX thread only.
 */
public final class FactStrip extends FlowPane {
    public FactStrip() {
        getStyleClass().add("fact-strip");
        setHgap(28);
        setVgap(8);
    }

    public void show(List<Fact> facts) {
        getChildren().clear();
        for (Fact f : facts) {
            Label label = new Label(f.label());
            label.getStyleClass().add("figure-label");
            Label value = new Label(f.value());
            value.getStyleClass().add("fact-value");
            getChildren().add(new VBox(2, label, value));
        }
    }
}
