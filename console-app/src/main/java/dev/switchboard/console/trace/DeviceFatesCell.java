package dev.switchboard.console.trace;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.layout.HBox;

/**
 * A table cell listing each device's fate for a missed event ({@code phone: missed (injected_drop)}),
 * coloured by fate, injected drops marked with the {@code injected (QA)} badge.
 *
 * <p>Threads: a cell; JavaFX thread only.
 */
public final class DeviceFatesCell extends TableCell<UserTimelineReport.MissedEvent, UserTimelineReport.MissedEvent> {
    public DeviceFatesCell() {
        setAlignment(Pos.CENTER_LEFT);
    }

    @Override
    protected void updateItem(UserTimelineReport.MissedEvent event, boolean empty) {
        super.updateItem(event, empty);
        setText(null);
        if (empty || event == null) {
            setGraphic(null);
            return;
        }
        HBox box = new HBox(14);
        box.setAlignment(Pos.CENTER_LEFT);
        for (UserTimelineReport.DeviceMiss d : event.devices()) {
            FateMark mark = d.mark();
            Label fate = new Label(d.deviceId() + ": " + mark.text());
            fate.getStyleClass().add(mark.styleClass());
            HBox one = new HBox(6, fate);
            one.setAlignment(Pos.CENTER_LEFT);
            if (mark.injected()) {
                one.getChildren().add(FateCell.injectedBadge());
            }
            box.getChildren().add(one);
        }
        if (event.devices().isEmpty()) {
            box.getChildren().add(new Label("no device seen"));
        }
        setGraphic(box);
    }
}
