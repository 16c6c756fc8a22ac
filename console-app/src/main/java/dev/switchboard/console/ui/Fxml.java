package dev.switchboard.console.ui;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;

/**
 * Loads a view's FXML ({@code X.fxml} next to class {@code X}) with a controller the caller built,
 * so controllers can take their view model in the constructor. FXML files name no fx:controller.
 */
public final class Fxml {
    private Fxml() {
    }

    public static Parent load(Class<?> view, Object controller) {
        URL url = view.getResource(view.getSimpleName() + ".fxml");
        if (url == null) {
            throw new IllegalStateException("no " + view.getSimpleName() + ".fxml next to " + view.getName());
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setController(controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + url, e);
        }
    }
}
