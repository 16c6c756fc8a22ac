package dev.switchboard.console.ui;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Changes posted for state still being built wait, then run in order on the UI thread. */
class HandoverTest {
    /** A UI thread of its own, so the test can tell where each change ran. */
    private final ExecutorService uiThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-ui"));
    private final UiThread ui = uiThread::execute;

    private void onUi(Runnable r) throws Exception {
        uiThread.submit(r).get(10, TimeUnit.SECONDS);
    }

    @Test
    void changesWaitUntilTheHandOverThenRunInOrderOnTheUiThread() throws Exception {
        Handover handover = new Handover(ui);
        List<String> ran = new ArrayList<>();
        handover.run(() -> ran.add("first on " + Thread.currentThread().getName()));
        handover.run(() -> ran.add("second"));
        Thread.sleep(50);
        assertThat(ran).as("nothing runs while the builder owns the state").isEmpty();
        assertThat(handover.handedOver()).isFalse();

        onUi(handover::handOver);
        assertThat(ran).containsExactly("first on test-ui", "second");
        assertThat(handover.handedOver()).isTrue();

        CountDownLatch later = new CountDownLatch(1);
        handover.run(() -> {
            ran.add("after on " + Thread.currentThread().getName());
            later.countDown();
        });
        assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).last().isEqualTo("after on test-ui");
    }

    @Test
    void aChangePostedWhileTheQueueRunsComesAfterIt() throws Exception {
        // like UiThread.fx(): at once when already on the UI thread
        UiThread fxLike = change -> {
            if (Thread.currentThread().getName().equals("test-ui")) {
                change.run();
            } else {
                uiThread.execute(change);
            }
        };
        Handover handover = new Handover(fxLike);
        List<Integer> ran = new ArrayList<>();
        ExecutorService service = Executors.newSingleThreadExecutor();
        handover.run(() -> {
            ran.add(1);
            handover.run(() -> ran.add(3)); // posted on the UI thread while the queue is applied
            try {
                service.submit(() -> handover.run(() -> ran.add(4))).get(10, TimeUnit.SECONDS); // and from a service
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        handover.run(() -> ran.add(2));
        onUi(handover::handOver);
        onUi(() -> {
        });
        assertThat(ran).containsExactly(1, 2, 3, 4);
        service.shutdown();
    }

    @Test
    void theBuilderMayApplyWhatWaitedOnItsOwnThreadBeforeTheHandOver() throws Exception {
        Handover handover = new Handover(ui);
        List<String> ran = new ArrayList<>();
        handover.run(() -> ran.add("first on " + Thread.currentThread().getName()));
        handover.applyHere();
        assertThat(ran).containsExactly("first on " + Thread.currentThread().getName());
        handover.run(() -> ran.add("second on " + Thread.currentThread().getName()));
        Thread.sleep(50);
        assertThat(ran).as("later changes wait again").hasSize(1);
        onUi(handover::handOver);
        assertThat(ran).containsExactly("first on " + Thread.currentThread().getName(), "second on test-ui");
        Assertions.assertThatThrownBy(handover::applyHere).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailingChangeDoesNotStopTheOnesAfterIt() throws Exception {
        Handover handover = new Handover(ui);
        List<String> ran = new ArrayList<>();
        List<Throwable> reported = new ArrayList<>();
        handover.run(() -> {
            throw new IllegalStateException("broken batch");
        });
        handover.run(() -> ran.add("next"));
        onUi(() -> {
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
            handover.handOver();
        });
        assertThat(ran).containsExactly("next");
        assertThat(reported).singleElement().extracting(Throwable::getMessage).isEqualTo("broken batch");
    }
}
