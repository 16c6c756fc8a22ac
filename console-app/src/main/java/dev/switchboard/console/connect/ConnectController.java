package dev.switchboard.console.connect;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;

/** Binds the start screen to its {@link ConnectViewModel}; nothing else. */
public final class ConnectController {
    private final ConnectViewModel vm;

    @FXML private TextField urlField;
    @FXML private PasswordField tokenField;
    @FXML private CheckBox rememberToken;
    @FXML private Button connectButton;
    @FXML private Button startLocalButton;
    @FXML private Button forgetButton;
    @FXML private ProgressIndicator busy;
    @FXML private Label message;
    @FXML private ListView<RecentGateway> recentList;

    public ConnectController(ConnectViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        urlField.textProperty().bindBidirectional(vm.urlProperty());
        tokenField.textProperty().bindBidirectional(vm.tokenProperty());
        rememberToken.selectedProperty().bindBidirectional(vm.rememberTokenProperty());
        connectButton.disableProperty().bind(vm.canConnectProperty().not());
        startLocalButton.disableProperty().bind(vm.busyProperty());
        busy.visibleProperty().bind(vm.busyProperty());
        message.textProperty().bind(vm.messageProperty());
        recentList.setItems(vm.recent());
        recentList.setPlaceholder(new Label("No gateway yet"));
        recentList.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.choose(now));
        recentList.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                vm.connectTo(recentList.getSelectionModel().getSelectedItem());
            }
        });
        forgetButton.disableProperty().bind(recentList.getSelectionModel().selectedItemProperty().isNull());
    }

    @FXML
    private void connect() {
        vm.connect();
    }

    @FXML
    private void startLocal() {
        vm.startLocal();
    }

    @FXML
    private void forget() {
        vm.forget(recentList.getSelectionModel().getSelectedItem());
    }
}
