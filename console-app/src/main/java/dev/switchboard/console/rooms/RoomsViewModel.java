package dev.switchboard.console.rooms;

import dev.switchboard.model.admin.AclMembers;
import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.RoomMembers;
import dev.switchboard.adminclient.AdminCallException;
import dev.switchboard.console.connections.LagJudge;
import dev.switchboard.console.connections.SavedConnectionFilter;
import dev.switchboard.console.link.StreamListener;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.PageModel;
import dev.switchboard.console.ui.ActiveRefresh;
import dev.switchboard.console.ui.Coalescer;
import dev.switchboard.console.ui.Format;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Rooms page's state and commands: the node's rooms (GET /admin/rooms when the page is shown,
 * every {@value #REFRESH_MILLIS} ms while it is and the link is not paused, and at most once a second
 * after the stream reports joins and leaves), a filter over them, and the selected room's members
 * grouped by user, device and connection with their unsent and unacked events, then the users entitled
 * to it with no connection in it (read with its ACL, which {@link #access()} shows and edits), and its
 * history ({@link #history()}).
 *
 * <p>Threads: properties change on {@code ctx.ui()} only; the stream's deltas go through a
 * {@link Coalescer}; REST answers are handed to {@code ctx.ui()}; ticks run on {@code ctx.timer()}.
 */
public final class RoomsViewModel implements PageModel {
    static final long REFRESH_MILLIS = 3_000;
    static final String FILTER_KEY = "rooms.filter";
    private static final long DELTA_REFRESH_GAP_MILLIS = 1_000;

    private static final String USER_ROOM = "user:";

    private final ConsoleContext ctx;
    private final LagJudge judge;
    private final RoomAclModel access;
    private final RoomHistoryModel history;
    private final RoomList list = new RoomList();
    private final ActiveRefresh refresh;
    private final Coalescer<AdminDelta> coalescer;
    private final AtomicBoolean reading = new AtomicBoolean();
    /** Members reads in the order they were asked for; any thread. */
    private final AtomicLong membersReads = new AtomicLong();
    /** The newest members read applied; UI thread. */
    private long lastMembersRead;
    private final StreamListener listener = new StreamListener() {
        @Override
        public void deltas(List<AdminDelta> items, AdminDelta.Stats stats, long coalesced) {
            for (AdminDelta item : items) {
                if (item instanceof AdminDelta.RoomJoined || item instanceof AdminDelta.RoomLeft
                        || item instanceof AdminDelta.ConnectionClosed) {
                    coalescer.offer(item);
                }
            }
        }
    };
    private long lastDeltaRefresh;
    private volatile String selectedName;

    // ---- properties ----------------------------------------------------------------------------
    private final FilteredList<RoomRow> shown = new FilteredList<>(list.rows());
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final ObservableStringValue countText;
    private final ObjectProperty<String> selectedRoom = new SimpleObjectProperty<>(this, "selectedRoom");
    private final ObjectProperty<MembersTree> members = new SimpleObjectProperty<>(this, "members");
    private final ObservableStringValue headText;
    private final ObservableStringValue memberCounts;
    private final ReadOnlyStringWrapper membersNote = new ReadOnlyStringWrapper(this, "membersNote", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");

    public RoomsViewModel(ConsoleContext ctx) {
        this.ctx = ctx;
        this.judge = LagJudge.of(ctx);
        this.access = new RoomAclModel(ctx, members::get, this::readMembers);
        this.history = new RoomHistoryModel(ctx);
        this.refresh = new ActiveRefresh(ctx.timer(), () -> ctx.link().paused(), REFRESH_MILLIS, this::tick);
        this.coalescer = new Coalescer<>(ctx.ui(), ctx.timer(), 250, 20_000, this::applyDeltas);
        this.countText = Bindings.createStringBinding(() -> Format.count(list.rows().size()) + " rooms · "
                + Format.count(shown.size()) + " shown", list.rows(), shown);
        this.headText = Bindings.createStringBinding(() -> members.get() == null || members.get().head() < 0 ? ""
                : "head " + Format.count(members.get().head()), members);
        this.memberCounts = Bindings.createStringBinding(() -> counts(members.get()), members);
        filterText.addListener((o, was, now) -> {
            String term = now == null ? "" : now.trim().toLowerCase(Locale.ROOT);
            shown.setPredicate(term.isEmpty() ? null : r -> r.room().toLowerCase(Locale.ROOT).contains(term));
        });
        new SavedConnectionFilter(ctx.home(), FILTER_KEY, ctx.timer()).attach(filterText, ctx.ui());
        selectedRoom.addListener((o, was, now) -> {
            selectedName = now;
            members.set(null);
            membersNote.set(now == null ? "Select a room to see who is in it." : "Reading " + now + "…");
            access.select(now);
            history.select(now);
            readMembers();
        });
        membersNote.set("Select a room to see who is in it.");
        ctx.link().addListener(listener);
    }

    /** Every room of the node with a connection, busiest first as the gateway lists them. */
    public ObservableList<RoomRow> rows() {
        return list.rows();
    }

    public FilteredList<RoomRow> shown() {
        return shown;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** {@code 311 rooms · 12 shown} */
    public ObservableStringValue countText() {
        return countText;
    }

    /** The room whose members are shown; set it to select one. */
    public ObjectProperty<String> selectedRoomProperty() {
        return selectedRoom;
    }

    /** The selected room's members, or null while none is read. */
    public ReadOnlyObjectProperty<MembersTree> membersProperty() {
        return members;
    }

    /** {@code head 4,051} */
    public ObservableStringValue headText() {
        return headText;
    }

    /** {@code 17 users · 20 devices · 42 connections · 2 lagging} */
    public ObservableStringValue memberCounts() {
        return memberCounts;
    }

    /** What the members tree says when it shows nothing, or why it could not be read. */
    public ReadOnlyStringProperty membersNoteProperty() {
        return membersNote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public RoomRow row(String room) {
        return list.get(room);
    }

    /** The selected room's ACL: the Access tab. */
    public RoomAclModel access() {
        return access;
    }

    /** The selected room's events: the History tab. */
    public RoomHistoryModel history() {
        return history;
    }

    // ---- commands ------------------------------------------------------------------------------

    @Override
    public void activate() {
        refresh.start();
    }

    @Override
    public void deactivate() {
        refresh.stop();
    }

    @Override
    public void dispose() {
        refresh.stop();
        ctx.link().removeListener(listener);
    }

    /** Another page asked for a room: select it. */
    @Override
    public void open(String room) {
        if (room != null && !room.isBlank()) {
            selectedRoom.set(room.trim());
        }
    }

    /** The selected room's connections on the Connections page. */
    public void showConnections() {
        String room = selectedRoom.get();
        if (room != null) {
            ctx.navigator().show("connections", "room:" + room);
        }
    }

    // ---- applying ------------------------------------------------------------------------------

    private void tick() {
        readMembers();
        readRooms();
    }

    /** The rooms, read while the window is built, so the table's first layout has its rows. */
    @Override
    public CompletableFuture<?> prefetch() {
        return readRooms();
    }

    /** Reads the node's rooms; completes once the answer is posted to {@code ctx.ui()}. */
    private CompletableFuture<Void> readRooms() {
        if (!reading.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        // parsed on the thread that received it, not on the UI thread
        CompletableFuture<List<RoomSummary>> read = ctx.api().rooms().whenComplete((json, error) -> reading.set(false))
                .thenApply(answer -> RoomSummary.listFrom(answer.rooms()));
        return ctx.onUi(read, (rooms, error) -> {
            problem.set(error == null ? "" : "Could not read the rooms: " + AdminCallException.of(error).describe());
            if (rooms != null) {
                list.apply(rooms);
            }
        });
    }

    /**
     * Reads who is in the selected room and who may join it (its ACL; a user room's owner), together, so
     * the tree lists entitled users without a connection in it; completes once the answers are applied.
     */
    private CompletableFuture<Void> readMembers() {
        String room = selectedName;
        if (room == null) {
            return CompletableFuture.completedFuture(null);
        }
        long read = membersReads.incrementAndGet();
        CompletableFuture<RoomMembers> present = ctx.api().members(room);
        CompletableFuture<AclMembers> acl = userRoom(room) ? CompletableFuture.completedFuture(null)
                : ctx.api().aclMembers(room);
        CompletableFuture<Void> both = CompletableFuture.allOf(present, acl).handle((done, failed) -> null);
        return ctx.onUi(both, (done, never) -> applyMembers(read, room, present, acl));
    }

    private void applyMembers(long read, String room, CompletableFuture<RoomMembers> present,
                              CompletableFuture<AclMembers> acl) {
        if (!room.equals(selectedName) || read < lastMembersRead) {
            return; // another room, or answers older than those shown (a periodic read overtaken by the one after a revoke)
        }
        lastMembersRead = read;
        Throwable membersFailure = failure(present);
        Throwable aclFailure = failure(acl);
        AclMembers entitled = aclFailure == null ? acl.join() : null;
        if (membersFailure != null && AdminCallException.of(membersFailure).status() != 404) {
            members.set(null);
            membersNote.set(AdminCallException.of(membersFailure).describe());
            access.apply(room, entitled, aclFailure, null);
            return;
        }
        RoomMembers inRoom = membersFailure == null ? present.join() : null;
        List<String> mayJoin = userRoom(room) ? List.of(room.substring(USER_ROOM.length()))
                : entitled == null ? List.of() : entitled.members();
        MembersTree tree = MembersTree.from(room, inRoom, mayJoin, user -> list.get(USER_ROOM + user) != null, judge);
        membersNote.set(inRoom == null ? "Nobody is in " + room + " on this node." : "");
        members.set(tree.users().isEmpty() ? null : tree);
        access.apply(room, entitled, aclFailure, tree);
        if (inRoom != null) {
            history.headMoved(room, inRoom.head());
        }
    }

    private static boolean userRoom(String room) {
        return room.startsWith(USER_ROOM);
    }

    /** Why {@code call} failed, or null when it answered (it has completed). */
    private static Throwable failure(CompletableFuture<?> call) {
        return call.handle((value, failed) -> failed).join();
    }

    /** Leaves and closes end the lag judge's history; joins and leaves refresh the lists, at most once a second. */
    private void applyDeltas(List<AdminDelta> batch) {
        for (AdminDelta d : batch) {
            if (d instanceof AdminDelta.RoomLeft l) {
                judge.left(l.connectionId(), l.room());
            } else if (d instanceof AdminDelta.ConnectionClosed c) {
                judge.forget(c.connectionId());
            }
        }
        long now = System.currentTimeMillis();
        if (now - lastDeltaRefresh >= DELTA_REFRESH_GAP_MILLIS) {
            lastDeltaRefresh = now;
            refresh.now();
        }
    }

    private static String counts(MembersTree t) {
        if (t == null) {
            return "";
        }
        String text = plural(t.present(), "user") + " · " + plural(t.devices(), "device") + " · "
                + plural(t.connections(), "connection");
        text = t.laggingDevices() == 0 ? text : text + " · " + Format.count(t.laggingDevices()) + " lagging";
        long offline = t.absent(MemberLine.Kind.OFFLINE);
        long notJoined = t.absent(MemberLine.Kind.NOT_JOINED);
        text = offline == 0 ? text : text + " · " + Format.count(offline) + " offline";
        return notJoined == 0 ? text : text + " · " + Format.count(notJoined) + " not joined";
    }

    private static String plural(long n, String noun) {
        return Format.count(n) + " " + noun + (n == 1 ? "" : "s");
    }
}
