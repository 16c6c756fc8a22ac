package dev.switchboard.console.ui;

import javafx.collections.ListChangeListener;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node set to the state it is in leaves its style classes alone: every change of that list
 * restyles the node and everything under it.
 */
@ExtendWith(ApplicationExtension.class)
class StyleClassesFxTest {
    @Test
    void changesTheListOnlyWhenTheStateChanges() {
        Region row = new Region();
        AtomicInteger changes = new AtomicInteger();
        row.getStyleClass().addListener((ListChangeListener<String>) c -> changes.incrementAndGet());

        StyleClasses.set(row, "stale", true);
        assertThat(row.getStyleClass()).containsExactly("stale");
        assertThat(changes).hasValue(1);
        for (int refresh = 0; refresh < 5; refresh++) {
            StyleClasses.set(row, "stale", true);
        }
        assertThat(changes).as("five refreshes of a stale page").hasValue(1);

        StyleClasses.set(row, "stale", false);
        StyleClasses.set(row, "stale", false);
        assertThat(row.getStyleClass()).isEmpty();
        assertThat(changes).hasValue(2);
    }
}
