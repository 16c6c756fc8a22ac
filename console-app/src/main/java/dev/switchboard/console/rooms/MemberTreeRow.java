package dev.switchboard.console.rooms;

import dev.switchboard.console.ui.RowState;
import javafx.scene.control.TreeTableRow;

/**
 * A members tree row that is drawn {@code :lagging} when its user, device or connection is lagging,
 * and {@code :absent} (greyed) for an entitled user with no connection in the room.
 */
final class MemberTreeRow extends TreeTableRow<MemberLine> {
    @Override
    protected void updateItem(MemberLine item, boolean empty) {
        super.updateItem(item, empty);
        pseudoClassStateChanged(RowState.LAGGING, !empty && item != null && item.lagging());
        pseudoClassStateChanged(RowState.ABSENT, !empty && item != null && item.absent());
    }
}
