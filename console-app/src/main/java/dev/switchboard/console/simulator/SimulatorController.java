package dev.switchboard.console.simulator;

import atlantafx.base.theme.Styles;
import dev.switchboard.console.simulator.SimulatorViewModel.ChaosSetting;
import dev.switchboard.console.ui.AfterPulse;
import dev.switchboard.simulator.scenario.StepAction;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import java.io.File;
import java.util.List;

/**
 * Binds the Simulator view to {@link SimulatorViewModel} and forwards its buttons; the file dialogs
 * and the clipboard, which need the window, are the only things it does itself. FX thread.
 */
public final class SimulatorController {
    private static final List<String> VERDICT_CLASSES = List.of("state-ok", "state-bad", "state-degraded", "muted");

    private final SimulatorViewModel vm;

    @FXML private BorderPane root;
    @FXML private VBox scenarioPane;
    @FXML private ListView<ScenarioChoice> scenarioList;
    @FXML private Button openFileButton;
    @FXML private Button revertButton;
    @FXML private TextArea scenarioEditor;
    @FXML private Label scenarioError;
    @FXML private Label scenarioWarning;
    @FXML private Label scenarioSummary;
    @FXML private Spinner<Integer> replicasSpinner;
    @FXML private TextField rateField;
    @FXML private VBox secretBox;
    @FXML private PasswordField tokenSecret;
    @FXML private VBox clusterBox;
    @FXML private TextField clusterDbUrl;
    @FXML private TextField clusterDbUser;
    @FXML private PasswordField clusterDbPassword;
    @FXML private Button runButton;
    @FXML private Button stopButton;
    @FXML private Label messageLabel;
    @FXML private Label phaseLabel;
    @FXML private ProgressBar progressBar;
    @FXML private Label elapsedLabel;
    @FXML private Label planLabel;
    @FXML private HBox chaosBar;
    @FXML private ComboBox<StepAction> chaosAction;
    @FXML private HBox secondsBox;
    @FXML private Spinner<Double> secondsSpinner;
    @FXML private HBox countBox;
    @FXML private Spinner<Integer> countSpinner;
    @FXML private HBox windowBox;
    @FXML private Spinner<Integer> windowSpinner;
    @FXML private HBox delayBox;
    @FXML private Spinner<Integer> delaySpinner;
    @FXML private Button chaosButton;
    @FXML private TableView<DeviceRow> deviceTable;
    @FXML private ListView<ChaosLogEntry> chaosLog;
    @FXML private Label verdictLabel;
    @FXML private Label verdictDetail;
    @FXML private Button copyReportButton;
    @FXML private Button saveReportButton;
    @FXML private TextArea reportText;
    @FXML private VBox runPane;

    public SimulatorController(SimulatorViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        bindScenario();
        bindRun();
        bindChaos();
        bindResult();
        // The run side (the chaos bar's spinners, the device table, the chaos log and the report) joins the
        // page a frame after the scenario side: a first visit styles and lays out the two in two pieces.
        List<Node> runSide = List.copyOf(runPane.getChildren());
        runPane.getChildren().clear();
        AfterPulse.afterFirstLayout(runPane, () -> runPane.getChildren().setAll(runSide));
    }

    private void bindScenario() {
        SplitPane.setResizableWithParent(scenarioPane, false);
        ScenarioEditor scenario = vm.scenario();
        scenarioList.setItems(scenario.scenarios());
        scenarioList.setCellFactory(ScenarioCell::new);
        scenarioList.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                scenario.selectedProperty().set(now);
            }
        });
        scenario.selectedProperty().addListener((o, was, now) -> scenarioList.getSelectionModel().select(now));
        scenarioList.getSelectionModel().select(scenario.selectedProperty().get());
        scenarioList.setPlaceholder(new Label("Reading the built-in scenarios…"));
        scenarioEditor.textProperty().bindBidirectional(scenario.textProperty());
        showWhenNotEmpty(scenarioError);
        showWhenNotEmpty(scenarioWarning);
        showWhenNotEmpty(scenarioSummary);
        scenarioError.textProperty().bind(scenario.errorProperty());
        scenarioWarning.textProperty().bind(scenario.warningProperty());
        scenarioSummary.textProperty().bind(scenario.summaryProperty());
        revertButton.getStyleClass().add(Styles.FLAT);
    }

    private void bindRun() {
        replicasSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, SimulatorViewModel.MAX_REPLICAS, 1));
        replicasSpinner.getValueFactory().valueProperty().bindBidirectional(vm.replicasProperty());
        commitOnFocusLoss(replicasSpinner);
        rateField.textProperty().bindBidirectional(vm.rateProperty());
        if (vm.tokenSecretNeeded()) {
            showOnlyWhen(secretBox, readOnly().not().and(vm.clusterNeededProperty().not()));
        } else {
            secretBox.setVisible(false);
            secretBox.setManaged(false);
        }
        tokenSecret.textProperty().bindBidirectional(vm.tokenSecretProperty());
        showOnlyWhen(clusterBox, vm.clusterNeededProperty().and(readOnly().not()));
        clusterDbUrl.textProperty().bindBidirectional(vm.clusterDbUrlProperty());
        clusterDbUser.textProperty().bindBidirectional(vm.clusterDbUserProperty());
        clusterDbPassword.textProperty().bindBidirectional(vm.clusterDbPasswordProperty());

        runButton.getStyleClass().add(Styles.ACCENT);
        stopButton.getStyleClass().add(Styles.DANGER);
        showOnlyWhen(runButton, readOnly().not());
        showOnlyWhen(stopButton, readOnly().not());
        runButton.disableProperty().bind(vm.canRunProperty().not());
        stopButton.disableProperty().bind(vm.runningProperty().not());
        showWhenNotEmpty(messageLabel);
        messageLabel.textProperty().bind(vm.messageProperty());

        phaseLabel.textProperty().bind(vm.phaseTextProperty());
        elapsedLabel.textProperty().bind(vm.elapsedTextProperty());
        showWhenNotEmpty(planLabel);
        planLabel.textProperty().bind(vm.planTextProperty());
        progressBar.progressProperty().bind(vm.progressProperty());
        progressBar.visibleProperty().bind(vm.stateProperty().isNotEqualTo(SimulatorViewModel.RunState.IDLE));

        DeviceTable.configure(deviceTable);
        deviceTable.setItems(vm.devices());
        deviceTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.selectedDeviceProperty().set(now));
        vm.selectedDeviceProperty().addListener((o, was, now) -> {
            if (now == null) {
                deviceTable.getSelectionModel().clearSelection();
            }
        });
    }

    private void bindChaos() {
        showOnlyWhen(chaosBar, readOnly().not());
        chaosAction.setItems(FXCollections.observableArrayList(SimulatorViewModel.CHAOS_ACTIONS));
        chaosAction.setConverter(new StringConverter<>() {
            @Override
            public String toString(StepAction a) {
                return a == null ? "" : a.wire();
            }

            @Override
            public StepAction fromString(String s) {
                return StepAction.parse(s).orElse(null);
            }
        });
        chaosAction.valueProperty().bindBidirectional(vm.chaosActionProperty());
        secondsSpinner.setValueFactory(new SpinnerValueFactory.DoubleSpinnerValueFactory(0.5, 3600, 5, 0.5));
        secondsSpinner.getValueFactory().valueProperty().bindBidirectional(vm.chaosSecondsProperty());
        countSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 10_000, 3));
        countSpinner.getValueFactory().valueProperty().bindBidirectional(vm.chaosCountProperty());
        windowSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(2, 1000, 4));
        windowSpinner.getValueFactory().valueProperty().bindBidirectional(vm.chaosWindowProperty());
        delaySpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 60_000, 500, 50));
        delaySpinner.getValueFactory().valueProperty().bindBidirectional(vm.chaosDelayMsProperty());
        for (Spinner<?> s : List.of(secondsSpinner, countSpinner, windowSpinner, delaySpinner)) {
            commitOnFocusLoss(s);
        }
        showOnlyWhen(secondsBox, vm.chaosUses(ChaosSetting.SECONDS));
        showOnlyWhen(countBox, vm.chaosUses(ChaosSetting.COUNT));
        showOnlyWhen(windowBox, vm.chaosUses(ChaosSetting.WINDOW));
        showOnlyWhen(delayBox, vm.chaosUses(ChaosSetting.DELAY));
        chaosButton.disableProperty().bind(vm.canChaosProperty().not());
        chaosLog.setItems(vm.chaosLog());
        chaosLog.setCellFactory(l -> new ChaosLogCell(l));
        Label none = new Label("Chaos injected by hand appears here, with the simulator's answer");
        none.setWrapText(true);
        none.getStyleClass().add("muted");
        none.setPadding(new Insets(12));
        chaosLog.setPlaceholder(none);
    }

    private void bindResult() {
        vm.verdictProperty().addListener((o, was, now) -> showVerdict(now));
        showVerdict(vm.verdictProperty().get());
        verdictDetail.textProperty().bind(vm.verdictDetailProperty());
        reportText.textProperty().bind(vm.reportTextProperty());
        reportText.setPromptText("The report of a run appears here when it ends: verdict, publishing, timeline, devices, failures.");
        copyReportButton.disableProperty().bind(vm.reportProperty().isNull());
        saveReportButton.disableProperty().bind(vm.reportProperty().isNull());
    }

    private void showVerdict(String verdict) {
        verdictLabel.getStyleClass().removeAll(VERDICT_CLASSES);
        verdictLabel.setText(verdict.isEmpty() ? "No verdict yet" : verdict);
        verdictLabel.getStyleClass().add(switch (verdict) {
            case "PASSED" -> "state-ok";
            case "FAILED" -> "state-bad";
            case "CANCELLED" -> "state-degraded";
            default -> "muted";
        });
    }

    // ---- actions ---------------------------------------------------------------------------------

    @FXML
    private void openFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a scenario");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Scenarios (*.json)", "*.json"));
        File f = chooser.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            vm.scenario().open(f.toPath());
        }
    }

    @FXML
    private void revert() {
        vm.scenario().revert();
    }

    @FXML
    private void run() {
        vm.run();
    }

    @FXML
    private void stop() {
        vm.stop();
    }

    @FXML
    private void applyChaos() {
        vm.applyChaos();
    }

    @FXML
    private void copyReport() {
        ClipboardContent content = new ClipboardContent();
        content.putString(vm.reportTextProperty().get());
        Clipboard.getSystemClipboard().setContent(content);
        vm.reportCopied();
    }

    @FXML
    private void saveReport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the JSON report");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON (*.json)", "*.json"));
        var r = vm.reportProperty().get();
        chooser.setInitialFileName((r == null ? "simulation" : r.scenario()) + "-report.json");
        File f = chooser.showSaveDialog(root.getScene().getWindow());
        if (f != null) {
            vm.saveJsonReport(f.toPath());
        }
    }

    /** Ctrl+F: the scenario list. */
    void focusScenarios() {
        scenarioList.requestFocus();
    }

    // ---- plumbing --------------------------------------------------------------------------------

    private ReadOnlyBooleanProperty readOnly() {
        return vm.readOnlyProperty();
    }

    private static void showOnlyWhen(Node node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    private static void showWhenNotEmpty(Label label) {
        showOnlyWhen(label, label.textProperty().isNotEmpty());
    }

    /** An editable spinner takes what was typed when the user moves on, not only on Enter. */
    private static void commitOnFocusLoss(Spinner<?> s) {
        s.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                s.commitValue();
            }
        });
    }
}
