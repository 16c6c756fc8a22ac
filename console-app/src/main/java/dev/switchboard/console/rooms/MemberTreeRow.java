package dev.switchboard.console.rooms;

import dev.switchboard.console.ui.StyleClasses;
import javafx.scene.control.TreeTableRow;

/**
 * A members tree row that carries {@code lagging-row} when its user, device or connection is lagging,
 * and {@code absent-row} (greyed) for an entitled user with no connection in the room.
 */
final class MemberTreeRow extends TreeTableRow<MemberLine> {
    private static final String LAGGING = "lagging-row";
    private static final String ABSENT = "absent-row";

    @Override
    protected void updateItem(MemberLine item, boolean empty) {
        super.updateItem(item, empty);
        StyleClasses.set(this, LAGGING, !empty && item != null && item.lagging());
        StyleClasses.set(this, ABSENT, !empty && item != null && item.absent());
    }
}
