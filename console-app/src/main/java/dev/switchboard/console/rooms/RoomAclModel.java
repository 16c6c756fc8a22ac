package dev.switchboard.console.rooms;

import dev.switchboard.adminclient.AdminCallException;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.model.admin.AclMembers;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Rooms page's Access tab: the selected room's ACL ({@code GET /api/acl/{room}/members}, read with
 * the members) with where each user is now, Grant for a typed user id and Revoke per user. After either,
 * the room is read again, and a revoke says how many of the user's connections the gateway evicted
 * from the room (it sends each {@code revoked}; they stay connected). {@code user:} rooms have no ACL,
 * and read-only mode hides and refuses both commands.
 *
 * <p>Threads: properties change on {@code ctx.ui()} only.
 */
public final class RoomAclModel {
    /** What the gateway accepts as a user id (AclRoutes): 1 to 128 printable characters, no spaces. */
    private static final Pattern USER_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final ConsoleContext ctx;
    private final Supplier<MembersTree> tree;
    private final Supplier<CompletableFuture<?>> reread;
    private String room;

    // ---- properties ----------------------------------------------------------------------------
    private final ObservableList<AclEntry> entries = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper applies = new ReadOnlyBooleanWrapper(this, "applies");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    private final StringProperty grantUser = new SimpleStringProperty(this, "grantUser", "");
    private final BooleanBinding editable;

    /**
     * @param tree   the selected room's members tree as last read (null while none is)
     * @param reread reads the selected room again; completes once the answer is applied
     */
    RoomAclModel(ConsoleContext ctx, Supplier<MembersTree> tree, Supplier<CompletableFuture<?>> reread) {
        this.ctx = ctx;
        this.tree = tree;
        this.reread = reread;
        this.editable = Bindings.createBooleanBinding(() -> applies.get() && !ctx.readOnly(), applies,
                ctx.readOnlyProperty());
    }

    /** The room's ACL members, by user id, with where each is. */
    public ObservableList<AclEntry> entries() {
        return entries;
    }

    /** False for no room and for {@code user:} rooms, which have no ACL. */
    public ReadOnlyBooleanProperty appliesProperty() {
        return applies.getReadOnlyProperty();
    }

    /** Grant and Revoke are shown: a room with an ACL, and not read-only. */
    public BooleanBinding editable() {
        return editable;
    }

    /** Why there is no list (a {@code user:} room, an empty ACL, a failed read), or "". */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** What the last Grant or Revoke did, or why it was refused or failed. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** The user id Grant adds. */
    public StringProperty grantUserProperty() {
        return grantUser;
    }

    // ---- commands ------------------------------------------------------------------------------

    /** Gives the typed user access to the room. */
    public void grant() {
        String user = grantUser.get() == null ? "" : grantUser.get().trim();
        String target = room;
        if (refused("nobody was granted access")) {
            return;
        }
        if (!USER_ID.matcher(user).matches()) {
            outcome.set("Type a user id to grant: 1 to 128 characters without spaces.");
            return;
        }
        ctx.api().grant(target, user).whenComplete((ok, failure) -> ctx.ui().run(() -> {
            if (failure != null) {
                tell("Could not grant " + user + " access to " + target + ": " + AdminCallException.of(failure).describe());
                return;
            }
            grantUser.set("");
            reread.get().whenComplete((done, never) -> ctx.ui().run(() ->
                    tell("Granted " + user + " access to " + target + "; " + user + " is "
                            + AclEntry.of(user, tree.get()).where() + ".")));
        }));
    }

    /** Takes {@code entry}'s user off the room's ACL; the gateway evicts its connections from the room. */
    public void revoke(AclEntry entry) {
        String user = entry.userId();
        String target = room;
        if (refused(user + " keeps access")) {
            return;
        }
        MembersTree before = tree.get();
        int had = before == null ? 0 : before.connectionsOf(user);
        ctx.api().revoke(target, user).whenComplete((ok, failure) -> ctx.ui().run(() -> {
            if (failure != null) {
                tell("Could not revoke " + user + " on " + target + ": " + AdminCallException.of(failure).describe());
                return;
            }
            reread.get().whenComplete((done, never) -> ctx.ui().run(() -> tell(revoked(user, target, had))));
        }));
    }

    // ---- applying ------------------------------------------------------------------------------

    /** Another room is selected: nothing of the last one is shown. */
    void select(String room) {
        this.room = room;
        entries.clear();
        outcome.set("");
        applies.set(room != null && !room.startsWith("user:"));
        note.set(room == null ? "" : applies.get() ? "Reading the ACL…"
                : room + " is a user room, which has no ACL: only " + room.substring("user:".length())
                + " may join it, and every device of that user does.");
    }

    /** The room's ACL as read with its members (null when the read failed: {@code failure} says why). */
    void apply(String room, AclMembers acl, Throwable failure, MembersTree members) {
        if (!room.equals(this.room) || !applies.get()) {
            return;
        }
        if (failure != null) {
            note.set("Could not read the ACL: " + AdminCallException.of(failure).describe());
            return;
        }
        List<AclEntry> now = acl.members().stream().map(u -> AclEntry.of(u, members)).toList();
        if (!now.equals(entries)) {
            entries.setAll(now);
        }
        note.set(now.isEmpty() ? "Nobody is in the ACL of " + room + ": no user may join it (service and admin tokens read every room)." : "");
    }

    private String revoked(String user, String room, int had) {
        MembersTree after = tree.get();
        int left = after == null ? 0 : after.connectionsOf(user);
        String done = "Revoked " + user + "'s access to " + room;
        if (had == 0) {
            return done + "; " + user + " had no connection in the room.";
        }
        int evicted = had - left;
        String text = done + ": " + evicted + (evicted == 1 ? " connection" : " connections")
                + " left the room (each was sent 'revoked'; they stay connected).";
        return left == 0 ? text : text + " " + left + " still in it (service and admin tokens read every room).";
    }

    private boolean refused(String what) {
        if (ctx.readOnly()) {
            tell("Read-only mode: " + what + ".");
            return true;
        }
        if (!applies.get()) {
            tell(room == null ? "Select a room first." : room + " has no ACL: " + what + ".");
            return true;
        }
        return false;
    }

    private void tell(String text) {
        outcome.set(text);
        ctx.noticeProperty().set(text);
    }
}
