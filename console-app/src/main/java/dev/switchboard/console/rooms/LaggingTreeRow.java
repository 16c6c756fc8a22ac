package dev.switchboard.console.rooms;

import javafx.scene.control.TreeTableRow;

/** A members tree row that carries {@code lagging-row} when its user, device or connection is lagging. */
final class LaggingTreeRow extends TreeTableRow<MemberLine> {
    private static final String LAGGING = "lagging-row";

    @Override
    protected void updateItem(MemberLine item, boolean empty) {
        super.updateItem(item, empty);
        getStyleClass().remove(LAGGING);
        if (!empty && item != null && item.lagging()) {
            getStyleClass().add(LAGGING);
        }
    }
}
