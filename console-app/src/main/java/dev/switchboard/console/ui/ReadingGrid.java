package dev.switchboard.console.ui;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.layout.GridPane;

import java.util.Objects;

/**
 * A grid whose children take its cells in reading order, {@code columns} to a row, left to right and
 * then down; a child's {@link GridPane#setColumnSpan column span} counts, and a child that would not fit
 * in what is left of a row starts the next one. So an FXML view lists a form's labels and values in the
 * order they are read, without {@code GridPane.rowIndex} and {@code GridPane.columnIndex} on each.
 *
 * <p>Why not those two: FXMLLoader resolves each such static property afresh, by reflection, trying the
 * node's class, each superclass and each interface in turn, with an exception thrown and caught for
 * every miss (eight or more for a {@code Label}), and caches nothing: a form of 40 labels with both
 * indexes took 12.6 ms of CPU to load, the same form in reading order 0.9 ms, with the JVM warm
 * ({@code FxmlGridBenchmark}, docs/benchmarks.md "Ninth round"); every page's first build paid it.
 *
 * <p>Threads: the JavaFX thread once shown, as any node.
 */
public class ReadingGrid extends GridPane {
    private final IntegerProperty columns = new SimpleIntegerProperty(this, "columns", 2) {
        @Override
        protected void invalidated() {
            place();
        }
    };

    public ReadingGrid() {
        getChildren().addListener((ListChangeListener<Node>) change -> place());
    }

    public final IntegerProperty columnsProperty() {
        return columns;
    }

    public final int getColumns() {
        return columns.get();
    }

    /** Cells per row (at least 1). */
    public final void setColumns(int n) {
        columns.set(n);
    }

    private void place() {
        int perRow = Math.max(1, columns.get());
        int column = 0;
        int row = 0;
        for (Node child : getChildren()) {
            Integer span = GridPane.getColumnSpan(child);
            int width = span == null || span < 1 ? 1 : Math.min(span, perRow);
            if (column > 0 && column + width > perRow) {
                column = 0;
                row++;
            }
            // set only what changed: each set asks for a layout pass
            if (!Objects.equals(GridPane.getColumnIndex(child), column)) {
                GridPane.setColumnIndex(child, column);
            }
            if (!Objects.equals(GridPane.getRowIndex(child), row)) {
                GridPane.setRowIndex(child, row);
            }
            column += width;
            if (column >= perRow) {
                column = 0;
                row++;
            }
        }
    }
}
