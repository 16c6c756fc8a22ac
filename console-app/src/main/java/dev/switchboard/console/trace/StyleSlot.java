package dev.switchboard.console.trace;

import javafx.scene.Node;

import java.util.Objects;

/**
 * One style class at a time on a node: setting a class removes the one set before, so a reused
 * cell that showed {@code fate-acked} does not keep it when it shows a {@code fate-missed} row.
 *
 * <p>Threads: JavaFX thread only.
 */
final class StyleSlot {
    private final Node node;
    private String current;

    StyleSlot(Node node) {
        this.node = node;
    }

    /** Puts {@code styleClass} in the slot; null or blank empties it. */
    void set(String styleClass) {
        String next = styleClass == null || styleClass.isBlank() ? null : styleClass;
        if (Objects.equals(next, current)) {
            return; // unchanged: taking it off and on again would restyle the node for nothing
        }
        if (current != null) {
            node.getStyleClass().remove(current);
        }
        current = styleClass == null || styleClass.isBlank() ? null : styleClass;
        if (current != null) {
            node.getStyleClass().add(current);
        }
    }
}
