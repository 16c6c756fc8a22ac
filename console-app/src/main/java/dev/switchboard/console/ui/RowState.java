package dev.switchboard.console.ui;

import javafx.css.PseudoClass;

/**
 * The states a table row or cell can be drawn in, as CSS pseudo-classes ({@code .table-row-cell:lagging}).
 * A row's state follows its item at every refresh and every reuse of the row; a pseudo-class change
 * only re-applies the styles already matched to the row, while a style class change makes JavaFX match
 * every selector again for the row and all its cells (what a page's first fill of its rows paid, once
 * per row, on the FX thread).
 */
public final class RowState {
    /** Behind on what it was sent or acked (console.css, rooms.css). */
    public static final PseudoClass LAGGING = PseudoClass.getPseudoClass("lagging");
    /** Missed an event, or a device with failures: drawn in the danger colour (console.css). */
    public static final PseudoClass MISSED = PseudoClass.getPseudoClass("missed");
    /** An entitled user with no connection in the room, greyed (rooms.css). */
    public static final PseudoClass ABSENT = PseudoClass.getPseudoClass("absent");
    /** A chaos step the simulator refused or that failed (simulator.css). */
    public static final PseudoClass REFUSED = PseudoClass.getPseudoClass("refused");

    private RowState() {
    }
}
