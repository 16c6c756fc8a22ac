package dev.switchboard.model.concurrent;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerialExecutorTest {
    @Test
    void runsTasksInOrderOneAtATimeAndGoesOnAfterAFailure() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialExecutor serial = new SerialExecutor(pool, "test task");
            List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
            int[] inside = {0};
            boolean[] overlapped = {false};
            CountDownLatch done = new CountDownLatch(1);
            for (int i = 0; i < 1000; i++) {
                int n = i;
                serial.execute(() -> {
                    if (++inside[0] > 1) {
                        overlapped[0] = true;
                    }
                    seen.add(n);
                    inside[0]--;
                    if (n == 500) {
                        throw new IllegalStateException("a failing task");
                    }
                });
            }
            serial.execute(done::countDown);
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(1000, seen.size());
            for (int i = 0; i < 1000; i++) {
                assertEquals(i, seen.get(i));
            }
            assertEquals(false, overlapped[0]);
        } finally {
            pool.shutdownNow();
        }
    }
}
