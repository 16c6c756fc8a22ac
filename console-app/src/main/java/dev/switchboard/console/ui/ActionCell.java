package dev.switchboard.console.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Button;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.util.Callback;

import java.util.function.Consumer;

/**
 * A table cell holding one small button that acts on its row (Clear a fault, Revoke a member, Trace an
 * event). With {@code hidden} (read-only mode for a command that changes the gateway) the button is
 * neither shown nor reachable; the view model refuses the command too.
 *
 * <p>Threads: a cell; JavaFX thread only.
 */
public final class ActionCell<S, T> extends TableCell<S, T> {
    private final Button button;

    private ActionCell(String text, Consumer<S> action, ObservableBooleanValue hidden) {
        button = new Button(text);
        button.getStyleClass().addAll(Styles.SMALL);
        button.setFocusTraversable(false);
        if (hidden != null) {
            button.visibleProperty().bind(Bindings.not(hidden));
        }
        button.setOnAction(e -> {
            S row = row();
            if (row != null) {
                action.accept(row);
            }
        });
    }

    /** Cells with a button labelled {@code text} that hands its row to {@code action}; never hidden when {@code hidden} is null. */
    public static <S, T> Callback<TableColumn<S, T>, TableCell<S, T>> of(String text, Consumer<S> action,
                                                                        ObservableBooleanValue hidden) {
        return column -> new ActionCell<>(text, action, hidden);
    }

    private S row() {
        int i = getIndex();
        return isEmpty() || getTableView() == null || i < 0 || i >= getTableView().getItems().size()
                ? null : getTableView().getItems().get(i);
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        setGraphic(empty ? null : button);
    }
}
