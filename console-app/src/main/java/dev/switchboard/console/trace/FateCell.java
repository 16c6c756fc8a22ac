package dev.switchboard.console.trace;

import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;

/**
 * A table cell showing a device's fate as coloured text ({@code fate-<fate>} from console.css), with
 * an {@code injected (QA)} badge when a QA fault caused it.
 *
 * <p>Threads: a cell; JavaFX thread only.
 */
public final class FateCell<S> extends TableCell<S, FateMark> {
    /** Wide enough for the longest fate, {@code dropped (injected_drop)}, and the badge side by side. */
    private static final double BESIDE_WIDTH = 270;
    private final StyleSlot fateClass = new StyleSlot(this);

    public FateCell() {
        getStyleClass().add("fate-cell");
        setContentDisplay(ContentDisplay.RIGHT);
        setGraphicTextGap(8);
        // in a narrow column (a small window) the badge goes under the fate instead of cutting it
        widthProperty().addListener((o, was, now) ->
                setContentDisplay(now.doubleValue() < BESIDE_WIDTH ? ContentDisplay.BOTTOM : ContentDisplay.RIGHT));
    }

    @Override
    protected void updateItem(FateMark mark, boolean empty) {
        super.updateItem(mark, empty);
        boolean none = empty || mark == null;
        setText(none ? null : mark.text());
        fateClass.set(none ? null : mark.styleClass());
        setGraphic(!none && mark.injected() ? injectedBadge() : null);
    }

    static Label injectedBadge() {
        Label badge = new Label(FateMark.INJECTED_LABEL);
        badge.getStyleClass().add("injected");
        return badge;
    }
}
