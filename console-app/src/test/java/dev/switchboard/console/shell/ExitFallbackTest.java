package dev.switchboard.console.shell;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The process ends after cleanup, or after the grace when cleanup hangs; never later. */
class ExitFallbackTest {
    @Test
    void exitsAsSoonAsCleanupIsDone() throws Exception {
        CountDownLatch exited = new CountDownLatch(1);
        long start = System.nanoTime();
        Thread t = ExitFallback.arm(Duration.ofSeconds(5), grace -> true, exited::countDown);
        assertThat(t.isDaemon()).isTrue();
        assertThat(exited.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void exitsAfterTheGraceWhenCleanupHangsOrFails() throws Exception {
        CountDownLatch exited = new CountDownLatch(2);
        ExitFallback.arm(Duration.ofMillis(200), grace -> {
            try {
                Thread.sleep(grace.toMillis()); // a cleanup that does not finish in time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }, exited::countDown);
        ExitFallback.arm(Duration.ofMillis(200), grace -> {
            throw new IllegalStateException("cleanup broke");
        }, exited::countDown);
        assertThat(exited.await(2, TimeUnit.SECONDS)).isTrue();
    }
}
