package dev.switchboard.console.ui;

import javafx.scene.Node;

import java.util.List;

/**
 * Turns a node's style class on or off only when that changes it. A table row that took its class
 * off and put it back on at every refresh made JavaFX restyle the row and all its cells each time,
 * about once a second for every visible lagging row.
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
