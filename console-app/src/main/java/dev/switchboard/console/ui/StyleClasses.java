package dev.switchboard.console.ui;

import javafx.scene.Node;

import java.util.List;

/**
 * Turns a node's style class on or off only when that changes it: every change of a node's style
 * classes makes JavaFX match every selector again for the node and everything under it. (Rows and
 * cells, which change state at every refresh, use pseudo-classes instead: {@link RowState}.)
 *
 * <p>Threads: the node's (the FX thread for a node on screen).
 */
public final class StyleClasses {
    private StyleClasses() {
    }

    public static void set(Node node, String styleClass, boolean on) {
        List<String> classes = node.getStyleClass();
        boolean has = classes.contains(styleClass);
        if (on && !has) {
            classes.add(styleClass);
        } else if (!on && has) {
            classes.remove(styleClass);
        }
    }
}
