package dev.switchboard.console.trace;

import javafx.scene.control.TreeTableCell;

/**
 * The timeline tree's first column: what happened (a device, a connect, a join, a leave, a
 * disconnect), coloured by the line's style class so recoveries, snapshots and abnormal closes stand
 * out.
 *
 * <p>Threads: a cell; JavaFX thread only.
 */
public final class TimelineWhatCell extends TreeTableCell<TimelineItem, String> {
    private final StyleSlot style = new StyleSlot(this);

    @Override
    protected void updateItem(String text, boolean empty) {
        super.updateItem(text, empty);
        TimelineItem item = empty || getTableRow() == null ? null : getTableRow().getItem();
        setText(empty ? null : text);
        style.set(item == null ? null : item.styleClass());
    }
}
