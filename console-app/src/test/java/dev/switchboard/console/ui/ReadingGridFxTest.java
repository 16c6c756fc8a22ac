package dev.switchboard.console.ui;

import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A form written in reading order lands in the same cells as one with explicit row and column indexes:
 * spans count, a child too wide for what is left of a row starts the next, and a change of the number
 * of columns (the Overview's cards, two by two in a small window) places them again.
 */
@ExtendWith(ApplicationExtension.class)
class ReadingGridFxTest {
    @Test
    void anFxmlFormInReadingOrderTakesTheCellsItsIndexesWouldHaveGiven() throws Exception {
        String fxml = """
                <?import javafx.scene.control.Label?>
                <?import javafx.scene.layout.GridPane?>
                <?import dev.switchboard.console.ui.ReadingGrid?>
                <ReadingGrid xmlns:fx="http://javafx.com/fxml" columns="4">
                  <Label text="Connection"/><Label text="c1"/><Label text="Node"/><Label text="n1"/>
                  <Label text="Connected"/><Label text="since" GridPane.columnSpan="3"/>
                  <Label text="Out buffer"/><Label text="0 B"/>
                  <Label text="Result" GridPane.columnSpan="4"/>
                  <Label text="last"/>
                </ReadingGrid>
                """;
        ReadingGrid grid = new FXMLLoader().load(new ByteArrayInputStream(fxml.getBytes(StandardCharsets.UTF_8)));
        assertThat(cells(grid)).containsExactly(
                "Connection 0,0", "c1 0,1", "Node 0,2", "n1 0,3",
                "Connected 1,0", "since 1,1",
                "Out buffer 2,0", "0 B 2,1",
                "Result 3,0", // did not fit after "0 B": a row of its own
                "last 4,0");
    }

    @Test
    void fewerColumnsPlaceTheChildrenAgain() {
        ReadingGrid grid = new ReadingGrid();
        grid.setColumns(4);
        grid.getChildren().addAll(new Label("a"), new Label("b"), new Label("c"), new Label("d"));
        assertThat(cells(grid)).containsExactly("a 0,0", "b 0,1", "c 0,2", "d 0,3");
        grid.setColumns(2);
        assertThat(cells(grid)).containsExactly("a 0,0", "b 0,1", "c 1,0", "d 1,1");
        grid.getChildren().remove(0);
        assertThat(cells(grid)).containsExactly("b 0,0", "c 0,1", "d 1,0");
    }

    private static List<String> cells(GridPane grid) {
        return grid.getChildren().stream().map(ReadingGridFxTest::cell).toList();
    }

    private static String cell(Node n) {
        return ((Label) n).getText() + " " + GridPane.getRowIndex(n) + "," + GridPane.getColumnIndex(n);
    }
}
