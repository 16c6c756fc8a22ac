package dev.switchboard.console.trace;

import dev.switchboard.console.ui.StyleClasses;
import javafx.scene.control.TableRow;

import java.util.function.Predicate;

/**
 * A table row that carries a style class (e.g. console.css {@code missed-row}) while its item
 * matches, and drops it when the row is reused for another item.
 *
 * <p>Threads: a row; JavaFX thread only.
 */
public final class HighlightRow<T> extends TableRow<T> {
    private final Predicate<T> highlighted;
    private final String styleClass;

    public HighlightRow(Predicate<T> highlighted, String styleClass) {
        this.highlighted = highlighted;
        this.styleClass = styleClass;
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        StyleClasses.set(this, styleClass, !empty && item != null && highlighted.test(item));
    }
}
