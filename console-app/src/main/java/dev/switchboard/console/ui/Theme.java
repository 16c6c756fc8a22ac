package dev.switchboard.console.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/**
 * Light and dark themes: AtlantaFX's Primer as the user-agent stylesheet (every control), and
 * {@code console.css} on top for the console's own classes (status dots, verdict colours, chart
 * sizes). The console's colours come from the theme's looked-up colours ({@code -color-*}), so one
 * stylesheet serves both themes.
 */
public final class Theme {
    private Theme() {
    }

    /** Sets the theme for every window; call on the FX thread. */
    public static void apply(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public static void addConsoleStyles(Scene scene) {
        String css = Theme.class.getResource("/dev/switchboard/console/console.css").toExternalForm();
        if (!scene.getStylesheets().contains(css)) {
            scene.getStylesheets().add(css);
        }
    }
}
