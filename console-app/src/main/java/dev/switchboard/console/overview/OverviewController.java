package dev.switchboard.console.overview;

import atlantafx.base.theme.Styles;
import dev.switchboard.auth.Role;
import dev.switchboard.console.ui.Format;
import dev.switchboard.console.ui.ReadingGrid;
import dev.switchboard.console.ui.StyleClasses;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Binds the Overview view (OverviewView.fxml) to its view model and forwards the drain button, after
 * the user confirmed, to {@link OverviewViewModel#drain}. Nothing else.
 *
 * <p>Threads: the JavaFX thread.
 */
final class OverviewController {
    private final OverviewViewModel vm;

    @FXML
    private Label subtitleLabel;
    @FXML
    private Label problemLabel;
    @FXML
    private Label nodeNameLabel;
    @FXML
    private Label stateLabel;
    @FXML
    private Label uptimeLabel;
    @FXML
    private Label versionLabel;
    @FXML
    private Button drainButton;
    @FXML
    private Label drainStatusLabel;
    @FXML
    private Label storeLabel;
    @FXML
    private Label healthLabel;
    @FXML
    private Label epochLabel;
    @FXML
    private Label queueDepthLabel;
    @FXML
    private Label connectionsLabel;
    @FXML
    private Label roomsLabel;
    @FXML
    private Label wsPortLabel;
    @FXML
    private Label overloadedLabel;
    @FXML
    private Label backlogBytesLabel;
    @FXML
    private Label fanoutBacklogLabel;
    @FXML
    private TrendTile connectionsChart;
    @FXML
    private TrendTile publishesChart;
    @FXML
    private TrendTile deliveriesChart;
    @FXML
    private TrendTile latencyChart;
    @FXML
    private TrendTile fanoutBacklogChart;
    @FXML
    private TrendTile socketBacklogChart;
    @FXML
    private TrendTile errorsChart;
    @FXML
    private TrendTile reconnectsChart;
    @FXML
    private TableView<ReasonTotal> reasonsTable;
    @FXML
    private TableColumn<ReasonTotal, String> reasonColumn;
    @FXML
    private TableColumn<ReasonTotal, String> kindColumn;
    @FXML
    private TableColumn<ReasonTotal, String> totalColumn;
    @FXML
    private TableColumn<ReasonTotal, String> rateColumn;
    @FXML
    private VBox localGatewayCard;
    @FXML
    private Label noReasonsLabel;
    @FXML
    private TextField localHttpField;
    @FXML
    private TextField localWsField;
    @FXML
    private Label localPortsNote;
    @FXML
    private TextField mintUserField;
    @FXML
    private ChoiceBox<Role> mintRoleChoice;
    @FXML
    private Label mintMessage;

    @FXML
    private VBox clusterCard;
    @FXML
    private Label clusterSummaryLabel;
    @FXML
    private Label clusterProblemLabel;
    @FXML
    private TableView<ClusterNodes.Row> nodesTable;
    @FXML
    private TableColumn<ClusterNodes.Row, String> nodeColumn;
    @FXML
    private TableColumn<ClusterNodes.Row, ClusterNodes.Row> nodeStateColumn;
    @FXML
    private TableColumn<ClusterNodes.Row, String> nodeConnectionsColumn;
    @FXML
    private TableColumn<ClusterNodes.Row, String> nodeVersionColumn;
    @FXML
    private TableColumn<ClusterNodes.Row, String> nodeAddressColumn;
    @FXML
    private TableColumn<ClusterNodes.Row, String> nodeHeartbeatColumn;

    /** Below this width the four node cards go two by two, so that their figures stay whole. */
    private static final double FOUR_CARDS_WIDTH = 1000;
    @FXML
    private ReadingGrid nodeCards;

    OverviewController(OverviewViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        nodeCards.widthProperty().addListener((o, was, now) -> arrangeCards(now.doubleValue() < FOUR_CARDS_WIDTH ? 2 : 4));
        NodeHealth h = vm.health();
        subtitleLabel.textProperty().bind(Bindings.concat(vm.gatewayUrl(), "  ·  ", h.checkedProperty()));
        problemLabel.textProperty().bind(h.problemProperty());
        nodeNameLabel.textProperty().bind(h.nodeProperty());
        bindTone(stateLabel, h.stateProperty(), h.stateToneProperty());
        uptimeLabel.textProperty().bind(h.uptimeProperty());
        versionLabel.textProperty().bind(h.versionProperty());
        storeLabel.textProperty().bind(h.storeProperty());
        bindTone(healthLabel, h.healthProperty(), h.healthToneProperty());
        epochLabel.textProperty().bind(h.epochProperty());
        queueDepthLabel.textProperty().bind(Bindings.createStringBinding(
                () -> Format.count(h.queueDepthProperty().get()), h.queueDepthProperty()));
        connectionsLabel.textProperty().bind(Bindings.createStringBinding(
                () -> Format.count(h.connectionsProperty().get()), h.connectionsProperty()));
        roomsLabel.textProperty().bind(Bindings.createStringBinding(
                () -> Format.count(h.roomsProperty().get()), h.roomsProperty()));
        wsPortLabel.textProperty().bind(h.wsPortProperty());
        bindTone(overloadedLabel, h.overloadedProperty(), h.overloadedToneProperty());
        backlogBytesLabel.textProperty().bind(Bindings.createStringBinding(
                () -> Format.bytes(h.backlogBytesProperty().get()), h.backlogBytesProperty()));
        fanoutBacklogLabel.textProperty().bind(Bindings.createStringBinding(
                () -> Format.count(h.fanoutBacklogProperty().get()) + " batches", h.fanoutBacklogProperty()));

        drainButton.getStyleClass().add(Styles.DANGER);
        drainButton.visibleProperty().bind(vm.readOnlyProperty().not());
        drainButton.managedProperty().bind(vm.readOnlyProperty().not());
        drainButton.disableProperty().bind(h.drainingProperty());
        drainStatusLabel.textProperty().bind(vm.drainStatusProperty());
        drainStatusLabel.managedProperty().bind(vm.drainStatusProperty().isNotEmpty());

        OverviewTrends t = vm.trends();
        connectionsChart.show(t.connections());
        publishesChart.show(t.publishes());
        deliveriesChart.show(t.deliveries());
        latencyChart.show(t.latency());
        fanoutBacklogChart.show(t.fanoutBacklog());
        socketBacklogChart.show(t.socketBacklog());
        errorsChart.show(t.problems());
        reconnectsChart.show(t.reconnects());

        reasonsTable.setItems(t.reasonTotals());
        showReasonsWhenAny(t.reasonTotals());
        reasonColumn.setCellValueFactory(c -> constant(c.getValue().reason().name()));
        kindColumn.setCellValueFactory(c -> constant(c.getValue().reason().kind()));
        totalColumn.setCellValueFactory(c -> constant(Format.count(c.getValue().total())));
        rateColumn.setCellValueFactory(c -> constant(Double.isNaN(c.getValue().perSecond()) ? "—"
                : OverviewTrends.rate(c.getValue().perSecond())));
        bindLocalGateway(vm.localGateway());
        bindCluster(vm.cluster());
    }

    /**
     * The cluster card is on the page only while the gateway lists more than one node (taken out, not
     * hidden, as the reasons table: a single node's page styles no table for it).
     */
    private void bindCluster(ClusterNodes cluster) {
        VBox page = (VBox) clusterCard.getParent();
        int at = page.getChildren().indexOf(clusterCard);
        page.getChildren().remove(clusterCard);
        Runnable place = () -> {
            if (cluster.clusterProperty().get() && clusterCard.getParent() == null) {
                page.getChildren().add(at, clusterCard);
            } else if (!cluster.clusterProperty().get() && clusterCard.getParent() != null) {
                page.getChildren().remove(clusterCard);
            }
        };
        cluster.clusterProperty().addListener((o, was, now) -> place.run());
        place.run();
        clusterSummaryLabel.textProperty().bind(cluster.summaryProperty());
        clusterProblemLabel.textProperty().bind(cluster.problemProperty());
        nodesTable.setItems(cluster.rows());
        nodesTable.setPlaceholder(new Label("No node listed"));
        nodeColumn.setCellValueFactory(c -> constant(c.getValue().node() + (c.getValue().self() ? "  (this one)" : "")));
        nodeStateColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        nodeStateColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(ClusterNodes.Row row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.state());
                for (Tone t : Tone.values()) {
                    if (!t.styleClass().isEmpty()) {
                        StyleClasses.set(this, t.styleClass(), !empty && row != null && row.tone() == t);
                    }
                }
            }
        });
        nodeConnectionsColumn.setCellValueFactory(c -> constant(Format.count(c.getValue().connections())));
        nodeVersionColumn.setCellValueFactory(c -> constant(c.getValue().version()));
        nodeAddressColumn.setCellValueFactory(c -> constant(c.getValue().address()));
        nodeHeartbeatColumn.setCellValueFactory(c -> constant(c.getValue().heartbeat()));
    }

    private void arrangeCards(int perRow) {
        if (nodeCards.getColumnConstraints().size() == perRow) {
            return;
        }
        List<ColumnConstraints> columns = new ArrayList<>();
        for (int i = 0; i < perRow; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(100.0 / perRow);
            columns.add(c);
        }
        nodeCards.getColumnConstraints().setAll(columns);
        nodeCards.setColumns(perRow);
    }

    /**
     * The reasons table joins the page with the first failure or error; until then a line says there
     * is none. A table is the costliest control to put on screen the first time (its skin, cells and
     * behaviour), and the Overview is the page a console shows while it connects.
     */
    private void showReasonsWhenAny(ObservableList<ReasonTotal> totals) {
        HBox card = (HBox) noReasonsLabel.getParent();
        Runnable place = () -> {
            if (!totals.isEmpty() && reasonsTable.getParent() == null) {
                card.getChildren().set(card.getChildren().indexOf(noReasonsLabel), reasonsTable);
            }
        };
        totals.addListener((ListChangeListener<ReasonTotal>) c -> place.run());
        place.run();
    }

    private void bindLocalGateway(LocalGatewayCard card) {
        if (card == null) {
            // not hidden but taken out: nothing of it is styled or laid out on a gateway the console does not run
            ((Pane) localGatewayCard.getParent()).getChildren().remove(localGatewayCard);
            return;
        }
        localHttpField.setText(card.httpUrl());
        localWsField.setText(card.wsUrl());
        localPortsNote.setText(card.portsNote());
        localPortsNote.setManaged(!card.portsNote().isEmpty());
        mintUserField.textProperty().bindBidirectional(card.userIdProperty());
        mintUserField.setOnAction(e -> mintToken());
        mintRoleChoice.getItems().setAll(LocalGatewayCard.ROLES);
        mintRoleChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Role r) {
                return r == null ? "" : r.name().toLowerCase(Locale.ROOT);
            }

            @Override
            public Role fromString(String s) {
                return Role.valueOf(s.toUpperCase(Locale.ROOT));
            }
        });
        mintRoleChoice.valueProperty().bindBidirectional(card.roleProperty());
        mintMessage.textProperty().bind(card.messageProperty());
    }

    @FXML
    private void copyHttpUrl() {
        copy(localHttpField.getText());
    }

    @FXML
    private void copyWsUrl() {
        copy(localWsField.getText());
    }

    @FXML
    private void mintToken() {
        String token = vm.localGateway().mint();
        if (token != null) {
            copy(token);
        }
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    @FXML
    private void drain() {
        String node = vm.health().nodeProperty().get();
        ButtonType drain = new ButtonType("Drain " + node, ButtonBar.ButtonData.OK_DONE);
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "The node stops taking new WebSocket connections, tells every connected client to move to "
                        + "another node, and closes what is left after its grace period. The HTTP API keeps "
                        + "serving. A drained node serves WebSockets again only after a restart.",
                drain, ButtonType.CANCEL);
        confirm.setTitle("Drain node");
        confirm.setHeaderText("Drain node " + node + "?");
        confirm.initOwner(drainButton.getScene().getWindow());
        confirm.showAndWait().filter(drain::equals).ifPresent(b -> vm.drain());
    }

    private static void bindTone(Label label, ObservableValue<String> text, ObservableValue<Tone> tone) {
        label.textProperty().bind(text);
        applyTone(label, tone.getValue());
        tone.addListener((o, was, now) -> applyTone(label, now));
    }

    private static void applyTone(Label label, Tone tone) {
        for (Tone t : Tone.values()) {
            if (!t.styleClass().isEmpty()) {
                StyleClasses.set(label, t.styleClass(), t == tone);
            }
        }
    }

    private static ObservableValue<String> constant(String s) {
        return new ReadOnlyObjectWrapper<>(s);
    }
}
