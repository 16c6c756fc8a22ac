package dev.switchboard.console.trace;

import javafx.scene.control.Hyperlink;
import javafx.scene.control.TableCell;

import java.util.function.Consumer;

/**
 * A table cell showing an event id as a link; clicking it hands the id on (to open its trace).
 *
 * <p>Threads: a cell; JavaFX thread only.
 */
public final class EventLinkCell<S> extends TableCell<S, String> {
    private final Hyperlink link = new Hyperlink();

    public EventLinkCell(Consumer<String> open) {
        link.getStyleClass().add("mono");
        link.setOnAction(e -> {
            if (getItem() != null) {
                open.accept(getItem());
            }
        });
    }

    @Override
    protected void updateItem(String eventId, boolean empty) {
        super.updateItem(eventId, empty);
        setText(null);
        if (empty || eventId == null) {
            setGraphic(null);
        } else {
            link.setText(eventId);
            setGraphic(link);
        }
    }
}
