package dev.switchboard.console.ui;

import javafx.scene.control.Control;
import javafx.scene.control.TableColumnBase;

import java.util.List;

/**
 * Keeps a table readable in a small window (1024×700): a value is shown whole or its column is not
 * shown at all, never as "c1jg...". The caller lists the columns that may give way, most important
 * first; each column's {@code minWidth} is the width its values need. While the table is narrower than
 * the columns it shows need, the least important are hidden; they come back when it widens. What a
 * hidden column said is still in the page's detail for the selected row. Columns not listed always
 * show. FX thread only (a width listener).
 */
public final class ColumnPriority {
    /** Room for the vertical scroll bar and the table's border. */
    private static final double CHROME = 20;

    private ColumnPriority() {
    }

    public static void keep(Control table, List<? extends TableColumnBase<?, ?>> always,
                            List<? extends TableColumnBase<?, ?>> mayGiveWayMostImportantFirst) {
        Runnable fit = () -> {
            double width = table.getWidth();
            if (width <= 0) {
                return;
            }
            double needed = CHROME;
            for (TableColumnBase<?, ?> c : always) {
                needed += c.getMinWidth();
            }
            boolean room = true;
            for (TableColumnBase<?, ?> c : mayGiveWayMostImportantFirst) {
                needed += c.getMinWidth();
                room = room && needed <= width;
                c.setVisible(room);
            }
        };
        table.widthProperty().addListener((obs, was, now) -> fit.run());
        fit.run();
    }
}
