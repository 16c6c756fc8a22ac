package dev.switchboard.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * The connections one committed batch gave frames to, signalled together when the batch is done: each
 * gets one flush marker and write interest, the selector is woken once, and the cuts the batch caused
 * are carried out. So a batch of events costs each connection one write and the node one wake-up,
 * however many events it held. Fanout thread only; reused from batch to batch.
 */
public final class WriteSignals {
    private final List<Outbox> touched = new ArrayList<>();
    private long batch;

    /** Starts a new batch; what the previous one touched is forgotten. */
    void begin() {
        batch++;
        touched.clear();
    }

    /** Notes that the batch gave this outbox a frame (once per outbox). */
    void touched(Outbox outbox) {
        if (outbox.touchedBy != batch) {
            outbox.touchedBy = batch;
            touched.add(outbox);
        }
    }

    /** Signals every outbox the batch touched and wakes the selector once; answers how many. */
    int signal() {
        Outbox wake = null;
        for (Outbox o : touched) {
            if (o.signal()) {
                wake = o;
            }
        }
        // Every connection is on the listener's one selector: one wake-up serves them all.
        if (wake != null) {
            wake.wake();
        }
        for (Outbox o : touched) {
            o.cutIfOverflowed();
        }
        int n = touched.size();
        touched.clear();
        return n;
    }
}
