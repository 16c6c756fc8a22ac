package dev.switchboard.console.simulator;

import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A scenario in the list: its name (with an "embedded only", "cluster" or "file" badge) and the start of its
 * description, wrapped to the list's width; the tooltip has the whole description, or why the console
 * cannot run it. FX thread.
 */
final class ScenarioCell extends ListCell<ScenarioChoice> {
    /** About two lines of the list; the tooltip has the whole description. */
    private static final int DESCRIPTION_CHARS = 84;
    private final Label name = new Label();
    private final Label badge = new Label();
    private final Label description = new Label();
    private final VBox box;

    ScenarioCell(ListView<ScenarioChoice> list) {
        getStyleClass().add("scenario-cell");
        name.getStyleClass().add("scenario-name");
        badge.getStyleClass().add("scenario-badge");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        description.getStyleClass().add("scenario-description");
        description.setWrapText(true);
        description.prefWidthProperty().bind(list.widthProperty().subtract(36));
        description.setMinHeight(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(6, name, gap, badge);
        box = new VBox(2, top, description);
        box.setMinWidth(0);
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(ScenarioChoice c, boolean empty) {
        super.updateItem(c, empty);
        if (empty || c == null) {
            setGraphic(null);
            setTooltip(null);
            return;
        }
        name.setText(c.name());
        description.setText(shortened(c.description()));
        String badgeText = c.notRunnable() != null ? "embedded only" : c.cluster() ? "cluster" : c.file() ? "file" : "";
        badge.setText(badgeText);
        badge.setVisible(!badgeText.isEmpty());
        setTooltip(new Tooltip(c.notRunnable() != null ? c.notRunnable() : c.cluster() ? ScenarioCheck.CLUSTER_NOTE
                : c.file() ? c.key() : c.description()));
        setGraphic(box);
    }

    /** The description up to the last word that fits in {@value #DESCRIPTION_CHARS} characters, then "…". */
    static String shortened(String text) {
        if (text.length() <= DESCRIPTION_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', DESCRIPTION_CHARS);
        return text.substring(0, cut > 0 ? cut : DESCRIPTION_CHARS).replaceFirst("[,;:(]$", "") + " …";
    }
}
