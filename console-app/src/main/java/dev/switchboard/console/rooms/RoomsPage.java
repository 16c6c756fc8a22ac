package dev.switchboard.console.rooms;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.shell.PageSpec;
import javafx.scene.Parent;

/**
 * Rooms: the node's rooms with their connections, users and head offset, and the selected room's
 * members grouped by user, device and connection with presence and lag behind the head.
 * {@link #open} selects a room.
 *
 * <p>Threads: the JavaFX thread (see {@link Page}).
 */
public final class RoomsPage implements Page {
    private final RoomsViewModel vm;
    private RoomsController controller;
    private Parent view;

    public RoomsPage(ConsoleContext ctx) {
        this.vm = new RoomsViewModel(ctx);
    }

    public static PageSpec spec() {
        return new PageSpec("rooms", "Rooms", "Rooms of the node and who is in them: devices, presence, lag",
                RoomsPage::new);
    }

    @Override
    public Parent view() {
        if (view == null) {
            controller = new RoomsController(vm);
            view = RoomsView.load(controller);
        }
        return view;
    }

    public RoomsViewModel viewModel() {
        return vm;
    }

    @Override
    public void activated() {
        vm.activate();
    }

    @Override
    public void deactivated() {
        vm.deactivate();
    }

    @Override
    public void open(String argument) {
        vm.open(argument);
    }

    @Override
    public void focusSearch() {
        view();
        controller.focusFilter();
    }

    @Override
    public void dispose() {
        vm.dispose();
    }
}
