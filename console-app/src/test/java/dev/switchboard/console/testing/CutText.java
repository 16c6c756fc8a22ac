package dev.switchboard.console.testing;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TreeTableCell;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds text the layout cut short: a label or cell whose skin shows less than its text (JavaFX puts
 * an ellipsis where it cuts, e.g. "c1jg..." for a connection id). Run on the FX thread after a layout.
 */
public final class CutText {
    private CutText() {
    }

    /** One cut text: where (a table column's header, or the node's id or class) and what it should have said. */
    public record Cut(String where, String text, String shown) {
        @Override
        public String toString() {
            return where + ": \"" + text + "\" shown as \"" + shown + "\"";
        }
    }

    public static List<Cut> in(Parent root) {
        List<Cut> out = new ArrayList<>();
        walk(root, out);
        return out;
    }

    private static void walk(Node node, List<Cut> out) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isBlank()) {
            for (Node child : labeled.getChildrenUnmodifiable()) {
                if (child instanceof Text shown && child.isVisible() && !labeled.getText().equals(shown.getText())
                        && shown.getText() != null && shown.getText().endsWith(labeled.getEllipsisString())) {
                    out.add(new Cut(where(labeled), labeled.getText(), shown.getText()));
                }
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                walk(child, out);
            }
        }
    }

    private static String where(Labeled labeled) {
        if (labeled instanceof TableCell<?, ?> cell && cell.getTableColumn() != null) {
            return "column " + cell.getTableColumn().getText();
        }
        if (labeled instanceof TreeTableCell<?, ?> cell && cell.getTableColumn() != null) {
            return "column " + cell.getTableColumn().getText();
        }
        return labeled.getId() != null ? "#" + labeled.getId() : labeled.getClass().getSimpleName() + " " + labeled.getStyleClass();
    }
}
