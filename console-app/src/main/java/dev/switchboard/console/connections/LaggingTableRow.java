package dev.switchboard.console.connections;

import dev.switchboard.console.ui.RowState;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.TableRow;

/**
 * A connections table row that carries console.css's {@code :lagging} state while its connection
 * is lagging, following the row object as refreshes change it in place.
 *
 * <p>Threads: the JavaFX thread.
 */
final class LaggingTableRow extends TableRow<ConnectionRow> {
    private final ChangeListener<Boolean> follower = (o, was, now) -> mark(now);
    private ConnectionRow watched;

    @Override
    protected void updateItem(ConnectionRow item, boolean empty) {
        super.updateItem(item, empty);
        if (watched != null) {
            watched.laggingProperty().removeListener(follower);
        }
        watched = empty ? null : item;
        if (watched != null) {
            watched.laggingProperty().addListener(follower);
        }
        mark(watched != null && watched.lagging());
    }

    private void mark(boolean lagging) {
        pseudoClassStateChanged(RowState.LAGGING, lagging);
    }
}
