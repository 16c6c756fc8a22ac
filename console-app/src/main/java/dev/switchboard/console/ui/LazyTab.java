package dev.switchboard.console.ui;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Tab;

import java.util.function.Supplier;

/**
 * A tab whose content is built when the tab is first selected. A tab pane keeps every tab's content
 * in the scene, hidden or not, so the content of a tab nobody opened would still be built, styled and
 * laid out with the page, on the FX thread, at the page's first visit.
 */
public final class LazyTab {
    private LazyTab() {
    }

    /** Gives {@code tab} the content {@code build} makes, now if it is selected, else at its first selection. FX thread. */
    public static void fill(Tab tab, Supplier<Node> build) {
        if (tab.isSelected()) {
            tab.setContent(build.get());
            return;
        }
        ChangeListener<Boolean> first = new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (now) {
                    tab.selectedProperty().removeListener(this);
                    tab.setContent(build.get());
                }
            }
        };
        tab.selectedProperty().addListener(first);
    }
}
