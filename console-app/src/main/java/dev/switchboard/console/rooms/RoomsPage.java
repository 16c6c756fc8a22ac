package dev.switchboard.console.rooms;

import dev.switchboard.console.shell.ModelPage;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.shell.PageSpec;

/**
 * Rooms: the node's rooms with their connections, users and head offset, and the selected room's
 * members grouped by user, device and connection with presence and their unsent and unacked events.
 * {@link Page#open} selects a room.
 *
 * <p>Threads: the JavaFX thread (see {@link Page}).
 */
public final class RoomsPage {
    private RoomsPage() {
    }

    public static PageSpec spec() {
        return new PageSpec("rooms", "Rooms", "Rooms of the node and who is in them: devices, presence, unsent and unacked events",
                ctx -> ModelPage.of(new RoomsViewModel(ctx), RoomsController::new,
                        RoomsView::load, RoomsController::focusFilter), RoomsView.STYLESHEET);
    }
}
