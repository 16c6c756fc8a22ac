package dev.switchboard.console.shell;

import dev.switchboard.console.link.LinkState;
import dev.switchboard.console.ui.StyleClasses;
import javafx.fxml.FXML;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

/** Binds the window (navigation, toolbar, status bar) to {@link MainViewModel}, and installs the shortcuts. */
public final class MainController {
    /** Ctrl+1 … Ctrl+9 select the pages in navigation order. */
    static final String READ_ONLY_LOCKED = "Read-only for this session: the console was started with --read-only. "
            + "Start it without the option to make changes.";
    private static final KeyCode[] DIGITS = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4,
            KeyCode.DIGIT5, KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9};

    private final MainViewModel vm;
    private final Runnable onDisconnect;
    private final ToggleGroup nav = new ToggleGroup();

    @FXML private BorderPane root;
    @FXML private VBox navButtons;
    @FXML private Label nodeChip;
    @FXML private TextField globalSearch;
    @FXML private ToggleButton readOnlyToggle;
    @FXML private StackPane readOnlyHolder;
    @FXML private ToggleButton themeToggle;
    @FXML private Button disconnectButton;
    @FXML private StackPane content;
    @FXML private HBox outageBanner;
    @FXML private Label outageAsOf;
    @FXML private Label outageText;
    @FXML private HBox outageTokenRow;
    @FXML private PasswordField outageToken;
    @FXML private Button outageUseToken;
    @FXML private Label outageTokenMessage;
    @FXML private Button outageRetry;
    @FXML private Region statusDot;
    @FXML private Label statusLabel;
    @FXML private Label gatewayLabel;
    @FXML private Label noticeLabel;
    @FXML private Label readOnlyBadge;
    @FXML private Label streamLabel;

    public MainController(MainViewModel vm, Runnable onDisconnect) {
        this.vm = vm;
        this.onDisconnect = onDisconnect;
    }

    @FXML
    private void initialize() {
        List<PageSpec> pages = vm.pages();
        for (int i = 0; i < pages.size(); i++) {
            PageSpec spec = pages.get(i);
            ToggleButton b = new ToggleButton(spec.title());
            b.setId("nav-" + spec.id());
            b.setToggleGroup(nav);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setUserData(spec.id());
            b.setTooltip(new Tooltip(spec.hint() + (i < DIGITS.length ? "   (Ctrl+" + (i + 1) + ")" : "")));
            b.setOnAction(e -> vm.show(spec.id(), null));
            navButtons.getChildren().add(b);
        }
        vm.pageProperty().addListener((o, was, now) -> {
            content.getChildren().setAll(now.view());
            String id = vm.pageIdProperty().get();
            nav.getToggles().forEach(t -> t.setSelected(id.equals(t.getUserData())));
        });
        globalSearch.setOnAction(e -> {
            vm.search(globalSearch.getText());
            globalSearch.clear();
        });
        if (vm.readOnlyLocked()) {
            // one-way and disabled: the toggle shows the lock, it cannot offer to lift it
            readOnlyToggle.selectedProperty().bind(vm.readOnlyProperty());
            readOnlyToggle.setDisable(true);
            Tooltip.install(readOnlyHolder, new Tooltip(READ_ONLY_LOCKED));
        } else {
            readOnlyToggle.selectedProperty().bindBidirectional(vm.readOnlyProperty());
            readOnlyToggle.setTooltip(new Tooltip("Read-only: look, change nothing on the gateway (Ctrl+Shift+R)"));
        }
        themeToggle.selectedProperty().bindBidirectional(vm.darkProperty());
        readOnlyBadge.visibleProperty().bind(vm.readOnlyProperty());
        readOnlyBadge.managedProperty().bind(vm.readOnlyProperty());
        statusLabel.textProperty().bind(vm.statusTextProperty());
        gatewayLabel.textProperty().bind(vm.gatewayTextProperty());
        nodeChip.setText(vm.context().link().nodeName());
        noticeLabel.textProperty().bind(vm.context().noticeProperty());
        streamLabel.textProperty().bind(vm.streamTextProperty());
        showState(vm.linkStateProperty().get());
        vm.linkStateProperty().addListener((o, was, now) -> showState(now));
        bindOutage(vm.outageBanner());
    }

    /** The banner, and the content greyed while it shows: no page presents the last rows as live. */
    private void bindOutage(OutageBanner b) {
        showing(outageBanner, b.shownProperty());
        outageAsOf.textProperty().bind(b.asOfProperty());
        outageText.textProperty().bind(b.textProperty());
        showing(outageTokenRow, b.askTokenProperty());
        showing(outageRetry, b.canRetryProperty());
        outageToken.textProperty().bindBidirectional(b.tokenProperty());
        outageToken.setOnAction(e -> b.submitToken());
        outageUseToken.disableProperty().bind(b.checkingProperty());
        outageTokenMessage.textProperty().bind(b.tokenMessageProperty());
        markStale(b.shownProperty().get());
        b.shownProperty().addListener((o, was, now) -> markStale(now));
    }

    private void markStale(boolean stale) {
        StyleClasses.set(content, "stale", stale);
    }

    private static void showing(Node node, ObservableValue<Boolean> shown) {
        node.visibleProperty().bind(shown);
        node.managedProperty().bind(shown);
    }

    @FXML
    private void useToken() {
        vm.outageBanner().submitToken();
    }

    @FXML
    private void retryNow() {
        vm.outageBanner().retryNow();
    }

    private void showState(LinkState s) {
        statusDot.getStyleClass().removeIf(c -> !c.equals("status-dot"));
        statusDot.getStyleClass().add(s.name().toLowerCase(Locale.ROOT));
    }

    /** Keyboard shortcuts on the whole window (listed by F1). */
    public void installShortcuts(Scene scene) {
        var acc = scene.getAccelerators();
        for (int i = 0; i < DIGITS.length; i++) {
            int index = i;
            acc.put(new KeyCodeCombination(DIGITS[i], KeyCombination.SHORTCUT_DOWN), () -> vm.showIndex(index));
        }
        acc.put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), globalSearch::requestFocus);
        acc.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            Page p = vm.pageProperty().get();
            if (p != null) {
                p.focusSearch();
            }
        });
        acc.put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), vm::toggleTheme);
        acc.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), vm::toggleReadOnly);
        acc.put(new KeyCodeCombination(KeyCode.F1), this::showShortcuts);
    }

    private void showShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        a.setContentText(String.join("\n",
                "Ctrl+1 … Ctrl+" + Math.min(9, vm.pages().size()) + "   switch page (in navigation order)",
                "Ctrl+K         trace an event id or user:<id>",
                "Ctrl+F         search / filter on this page",
                "Ctrl+Shift+T   light / dark theme",
                "Ctrl+Shift+R   read-only mode on / off",
                "F1             this list"));
        a.initOwner(root.getScene().getWindow());
        a.show();
    }

    @FXML
    private void disconnect() {
        onDisconnect.run();
    }
}
