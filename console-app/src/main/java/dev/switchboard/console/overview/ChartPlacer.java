package dev.switchboard.console.overview;

import javafx.animation.AnimationTimer;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Puts the Overview's charts into the scene one per frame instead of all in the page's first layout.
 * A chart's first CSS pass and layout (axes, tick labels, plot) is the dearest part of building the
 * page; seven of them in one frame held the FX thread 150 ms when the console opened on this page
 * (ConsolePulseBenchmark, docs/benchmarks.md "Fourth round"). One per frame keeps every frame short;
 * the tiles show their titles and figures at once and their charts within a few frames. FX thread only.
 */
final class ChartPlacer {
    private static final Deque<Runnable> WAITING = new ArrayDeque<>();
    private static AnimationTimer timer;

    private ChartPlacer() {
    }

    static void place(Runnable addChart) {
        WAITING.add(addChart);
        if (timer == null) {
            timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    Runnable next = WAITING.poll();
                    if (next == null) {
                        stop();
                        timer = null;
                        return;
                    }
                    next.run();
                }
            };
            timer.start();
        }
    }
}
