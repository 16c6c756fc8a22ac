package dev.switchboard.console.ui;

import javafx.collections.ListChangeListener;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A row refreshed with the same state leaves its style classes alone: every change of that list
 * restyles the row and its cells.
 */
@ExtendWith(ApplicationExtension.class)
class StyleClassesFxTest {
    @Test
    void changesTheListOnlyWhenTheStateChanges() {
        Region row = new Region();
        AtomicInteger changes = new AtomicInteger();
        row.getStyleClass().addListener((ListChangeListener<String>) c -> changes.incrementAndGet());

        StyleClasses.set(row, "lagging-row", true);
        assertThat(row.getStyleClass()).containsExactly("lagging-row");
        assertThat(changes).hasValue(1);
        for (int refresh = 0; refresh < 5; refresh++) {
            StyleClasses.set(row, "lagging-row", true);
        }
        assertThat(changes).as("five refreshes of a lagging row").hasValue(1);

        StyleClasses.set(row, "lagging-row", false);
        StyleClasses.set(row, "lagging-row", false);
        assertThat(row.getStyleClass()).isEmpty();
        assertThat(changes).hasValue(2);
    }
}
