package dev.switchboard.console.ui;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Background;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's stylesheet draws the row states: a row in {@code :missed} or {@code :lagging} gets a
 * background of its own, and loses it when the row is reused for an item without that state.
 */
@ExtendWith(ApplicationExtension.class)
class RowStateFxTest {
    private TableView<String> table;

    @Start
    void start(Stage stage) {
        Theme.apply(false);
        table = new TableView<>(FXCollections.observableArrayList("fine", "missed", "lagging"));
        TableColumn<String, String> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue()));
        table.getColumns().add(name);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(RowState.MISSED, !empty && "missed".equals(item));
                pseudoClassStateChanged(RowState.LAGGING, !empty && "lagging".equals(item));
            }
        });
        Scene scene = new Scene(table, 300, 200);
        Theme.addConsoleStyles(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void eachStateHasItsOwnBackgroundAndAReusedRowLosesIt() throws Exception {
        Map<String, Paint> fills = fills();
        assertThat(fills.get("missed")).isNotNull().isNotEqualTo(fills.get("fine"));
        assertThat(fills.get("lagging")).isNotNull().isNotEqualTo(fills.get("fine")).isNotEqualTo(fills.get("missed"));

        Paint missed = fills.get("missed");
        Platform.runLater(() -> table.getItems().set(1, "fine again"));
        Thread.sleep(300);
        assertThat(fills().get("fine again")).as("the row that showed 'missed' reused").isNotEqualTo(missed);
    }

    /** Each drawn row's item and the last fill of its background, once a pulse has styled them. */
    private Map<String, Paint> fills() throws Exception {
        CompletableFuture<Map<String, Paint>> out = new CompletableFuture<>();
        Platform.runLater(() -> AfterPulse.run(table.getScene(), () -> {
            Map<String, Paint> m = new HashMap<>();
            table.lookupAll(".table-row-cell").forEach(n -> {
                TableRow<?> row = (TableRow<?>) n;
                Background bg = row.getBackground();
                if (row.getItem() != null && bg != null && !bg.getFills().isEmpty()) {
                    m.put((String) row.getItem(), bg.getFills().get(bg.getFills().size() - 1).getFill());
                }
            });
            out.complete(m);
        }));
        return out.get(10, TimeUnit.SECONDS);
    }
}
