package dev.switchboard.console.rooms;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.switchboard.console.ui.ActionCell;
import dev.switchboard.console.ui.Fxml;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;

/**
 * Binds the Access tab ({@code RoomAclController.fxml}) to {@link RoomAclModel}: the ACL table with
 * Revoke per user, and the Grant field; both hidden for a user room and in read-only mode.
 *
 * <p>Threads: the JavaFX thread.
 */
final class RoomAclController {
    private final RoomAclModel model;

    @FXML private HBox grantBox;
    @FXML private TextField grantUserField;
    @FXML private Label aclOutcome;
    @FXML private Label aclNote;
    @FXML private TableView<AclEntry> aclTable;
    @FXML private TableColumn<AclEntry, String> aclUserColumn;
    @FXML private TableColumn<AclEntry, String> aclRevokeColumn;
    @FXML private TableColumn<AclEntry, String> aclWhereColumn;

    private RoomAclController(RoomAclModel model) {
        this.model = model;
    }

    static Parent load(RoomAclModel model) {
        return Fxml.load(RoomAclController.class, new RoomAclController(model));
    }

    @FXML
    private void initialize() {
        grantBox.visibleProperty().bind(model.editable());
        grantBox.managedProperty().bind(model.editable());
        grantUserField.textProperty().bindBidirectional(model.grantUserProperty());
        aclOutcome.textProperty().bind(model.outcomeProperty());
        aclOutcome.managedProperty().bind(model.outcomeProperty().isNotEmpty());
        aclNote.textProperty().bind(model.noteProperty());
        aclNote.managedProperty().bind(model.noteProperty().isNotEmpty());
        aclTable.visibleProperty().bind(model.appliesProperty());
        aclTable.setItems(model.entries());
        aclTable.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        aclTable.setPlaceholder(new Label(""));
        aclUserColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().userId()));
        aclWhereColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().where()));
        aclRevokeColumn.setCellFactory(ActionCell.of("Revoke", model::revoke, model.editable().not()));
        aclRevokeColumn.visibleProperty().bind(model.editable());
    }

    @FXML
    private void grant() {
        model.grant();
    }
}
