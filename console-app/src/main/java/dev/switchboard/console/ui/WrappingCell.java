package dev.switchboard.console.ui;

import javafx.scene.control.ContentDisplay;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeTableCell;
import javafx.scene.text.Text;

/**
 * Cells for free text that is often longer than its column (a reason, an action's detail): the text
 * wraps onto as many lines of its row as it needs instead of being cut, and is also the tooltip. It is
 * a {@link Text} wrapped at the cell's width: a wrapping label in a table cell is measured before its
 * width is known and stops at two lines.
 */
public final class WrappingCell {
    private WrappingCell() {
    }

    public static <S> TableCell<S, String> inTable() {
        return new TableCell<>() {
            private final Text text = wrapIn(this);

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                show(this, text, empty ? null : item);
            }
        };
    }

    public static <S> TreeTableCell<S, String> inTree() {
        return new TreeTableCell<>() {
            private final Text text = wrapIn(this);

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                show(this, text, empty ? null : item);
            }
        };
    }

    private static Text wrapIn(IndexedCell<?> cell) {
        Text text = new Text();
        text.getStyleClass().add("wrapping-text");
        text.wrappingWidthProperty().bind(cell.widthProperty().subtract(16));
        cell.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        return text;
    }

    /**
     * Shows {@code item}; the cell keeps one tooltip for its life and changes its text (a tooltip is a
     * popup window with a scene of its own: one per update of a busy table was most of its cost).
     */
    private static void show(IndexedCell<?> cell, Text text, String item) {
        boolean blank = item == null || item.isEmpty();
        text.setText(blank ? "" : item);
        cell.setGraphic(blank ? null : text);
        Tooltip tip = (Tooltip) cell.getProperties().get(Tooltip.class);
        if (blank) {
            cell.setTooltip(null);
            return;
        }
        if (tip == null) {
            tip = new Tooltip();
            cell.getProperties().put(Tooltip.class, tip);
        }
        tip.setText(item);
        cell.setTooltip(tip);
    }
}
