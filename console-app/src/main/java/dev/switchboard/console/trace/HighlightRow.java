package dev.switchboard.console.trace;

import dev.switchboard.console.ui.RowState;
import javafx.css.PseudoClass;
import javafx.scene.control.TableRow;

import java.util.function.Predicate;

/**
 * A table row drawn in a state (e.g. console.css {@code :missed}, {@link RowState}) while its item
 * matches, and out of it when the row is reused for another item.
 *
 * <p>Threads: a row; JavaFX thread only.
 */
public final class HighlightRow<T> extends TableRow<T> {
    private final Predicate<T> highlighted;
    private final PseudoClass state;

    public HighlightRow(Predicate<T> highlighted, PseudoClass state) {
        this.highlighted = highlighted;
        this.state = state;
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        pseudoClassStateChanged(state, !empty && item != null && highlighted.test(item));
    }
}
