package dev.switchboard.console.ui;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.util.Callback;

import java.util.function.Function;

/**
 * A table cell whose text is bound to something of its row ({@code row -> row.sinceProperty()}), so
 * that rows updated in place repaint without the table re-reading its items. The column's cell value
 * is only what it sorts by.
 *
 * <p>Threads: the JavaFX thread.
 */
public final class BoundCell<S, T> extends TableCell<S, T> {
    /** The style class of cells that show a number: right-aligned (the pages' stylesheets). */
    public static final String NUMBER = "number";

    private final Function<S, ObservableValue<String>> text;

    private BoundCell(Function<S, ObservableValue<String>> text, String styleClass) {
        this.text = text;
        if (styleClass != null) {
            getStyleClass().add(styleClass);
        }
    }

    public static <S, T> Callback<TableColumn<S, T>, TableCell<S, T>> of(Function<S, ObservableValue<String>> text) {
        return column -> new BoundCell<>(text, null);
    }

    /** The same, with a style class on every cell ({@link #NUMBER} right-aligns). */
    public static <S, T> Callback<TableColumn<S, T>, TableCell<S, T>> of(Function<S, ObservableValue<String>> text,
                                                                        String styleClass) {
        return column -> new BoundCell<>(text, styleClass);
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        textProperty().unbind();
        int i = getIndex();
        if (empty || getTableView() == null || i < 0 || i >= getTableView().getItems().size()) {
            setText(null);
            return;
        }
        textProperty().bind(text.apply(getTableView().getItems().get(i)));
    }
}
