package dev.switchboard.console.rooms;

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
        getStyleClass().removeAll(LAGGING, ABSENT);
        if (!empty && item != null && item.lagging()) {
            getStyleClass().add(LAGGING);
        }
        if (!empty && item != null && item.absent()) {
            getStyleClass().add(ABSENT);
        }
    }
}
