package dev.switchboard.client;

import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.client.ClientAgainstGatewayTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The client's life: closing releases it, reconnects are counted once each, a re-grant is not lost. */
class ClientLifecycleTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    private final TestClients clients = new TestClients(gw);

    @AfterEach
    void closeClients() {
        clients.closeAll();
    }

    @Test
    void aClosedClientHasNothingScheduledAndIsCollected() throws Exception {
        WeakReference<SwitchboardClient> ref = connectAndClose();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (ref.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(ref.get()).as("a closed client is collected").isNull();
    }

    /** In its own frame, so that no local variable of the test keeps the client. */
    private WeakReference<SwitchboardClient> connectAndClose() {
        SwitchboardClient c = clients.start("lena", "phone", "doc:l1");
        clients.publish("doc:l1", "l1-r", 1, null);
        clients.awaitConverged(c, "doc:l1");
        c.close();
        await("closed", () -> c.state() == ConnectionState.CLOSED);
        assertThat(c.timersWaiting()).as("timers of a closed client").isZero();
        clients.closeAll(); // drops the fixture's reference
        return new WeakReference<>(c);
    }

    @Test
    void reconnectsCountsReconnectionsNotAttempts() {
        SwitchboardClient c = clients.start("mona", "phone", "doc:l2");
        await("connected", () -> c.state() == ConnectionState.CONNECTED);
        assertThat(c.counters().reconnects()).isZero();
        c.goOffline();
        await("offline", () -> c.state() == ConnectionState.WAITING_TO_RECONNECT);
        c.goOnline();
        await("back", () -> c.state() == ConnectionState.CONNECTED);
        assertThat(c.counters().reconnects()).isEqualTo(1);
    }

    /**
     * The app joins the room again (it was re-granted) before the client has handled the
     * {@code revoked} of the earlier grant: the client's thread is held while revoke and re-grant
     * happen, so the join is handled first, exactly the order that used to lose the room.
     */
    @Test
    void aRoomRevokedAndQuicklyReGrantedStaysJoined() throws Exception {
        SwitchboardClient c = clients.start("nina", "phone", "doc:l3");
        clients.publish("doc:l3", "l3-r", 1, null);
        clients.awaitConverged(c, "doc:l3");
        List<String> lost = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        c.addListener(new SwitchboardListener() {
            @Override
            public void roomLost(String room, String reason) {
                lost.add(room + " " + reason);
            }
        });
        holdClientThread(c, held, release);
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        c.join("doc:l3");
        clients.revoke("doc:l3", "nina");
        clients.grant("doc:l3", "nina");
        Thread.sleep(300); // let the revoked frame reach the client (it is handled after the join either way)
        release.countDown();

        clients.publish("doc:l3", "l3-r", 2, null);
        clients.awaitConverged(c, "doc:l3");
        assertThat(c.rooms()).containsKey("doc:l3");
        assertThat(lost).as("rooms lost").isEmpty();
    }

    /** Blocks the client's own thread until {@code release}, through a pending change's rollback task. */
    private static void holdClientThread(SwitchboardClient c, CountDownLatch held, CountDownLatch release) {
        c.addListener(new SwitchboardListener() {
            @Override
            public void pendingResolved(PendingChange change) {
                if (change.resourceId().equals("hold")) {
                    held.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        c.pending("doc:l3", "hold", 99, null).failed();
    }
}
