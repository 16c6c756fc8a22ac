package dev.switchboard.console.simulator;

import dev.switchboard.console.ui.UiThread;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The Simulator page's scenario side: the list (built-ins, then files the user opened), the selected
 * scenario's JSON in the editor, and what the simulator's loader makes of it after every edit (the
 * scenario, or the loader's message naming the field; whether the console can run it). Edits are kept
 * per scenario while the page lives, so switching back and forth loses nothing.
 *
 * <p>Threads: properties and fields are the UI thread's; reading the built-ins and files runs on the
 * {@code io} executor and comes back through {@code ui}.
 */
public final class ScenarioEditor {
    private final UiThread ui;
    private final Executor io;
    private final Consumer<String> messages;

    private final ObservableList<ScenarioChoice> scenarios = FXCollections.observableArrayList();
    private final ObjectProperty<ScenarioChoice> selected = new SimpleObjectProperty<>();
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<ScenarioCheck> check = new ReadOnlyObjectWrapper<>(ScenarioCheck.of("", ""));
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    /** Edited JSON by scenario key. */
    private final Map<String, String> edits = new HashMap<>();

    /**
     * @param messages told, on the UI thread, what opening a file did or why it failed
     */
    ScenarioEditor(UiThread ui, Executor io, Consumer<String> messages) {
        this.ui = ui;
        this.io = io;
        this.messages = messages;
        selected.addListener((o, was, now) -> {
            if (was != null) {
                remember(was);
            }
            if (now != null) {
                text.set(edits.getOrDefault(now.key(), now.json()));
            }
        });
        text.addListener((o, was, now) -> recheck());
        io.execute(this::loadBuiltIns);
    }

    // ---- properties ------------------------------------------------------------------------------

    /** The built-in scenarios, then the files opened. */
    public ObservableList<ScenarioChoice> scenarios() {
        return scenarios;
    }

    public ObjectProperty<ScenarioChoice> selectedProperty() {
        return selected;
    }

    /** The editor: the selected scenario's JSON, as the user edits it. */
    public StringProperty textProperty() {
        return text;
    }

    /** The editor's JSON as the simulator's loader sees it. */
    public ReadOnlyObjectProperty<ScenarioCheck> checkProperty() {
        return check.getReadOnlyProperty();
    }

    /** The loader's message when the JSON is not a valid scenario, else "". */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Why the console cannot run this valid scenario (it restarts the gateway), else "". */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    /** "3 devices of 2 users · 4 s of load at 40 events/s …" for a valid scenario, else "". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    // ---- commands --------------------------------------------------------------------------------

    /** Selects the scenario of that name (a built-in, or a file opened before); false when there is none. */
    public boolean select(String name) {
        for (ScenarioChoice c : scenarios) {
            if (c.name().equals(name) || c.key().equals(name)) {
                selected.set(c);
                return true;
            }
        }
        return false;
    }

    /** Back to the selected scenario's JSON as it was read. */
    public void revert() {
        ScenarioChoice c = selected.get();
        if (c != null) {
            edits.remove(c.key());
            text.set(c.json());
        }
    }

    /** Reads a scenario file (off the UI thread), lists it and selects it; the editor then shows its JSON. */
    public void open(Path file) {
        io.execute(() -> {
            try {
                ScenarioChoice c = ScenarioCatalog.file(file);
                ui.run(() -> {
                    scenarios.removeIf(x -> x.key().equals(c.key()));
                    edits.remove(c.key());
                    scenarios.add(c);
                    selected.set(c);
                    messages.accept("Opened " + file);
                });
            } catch (UncheckedIOException e) {
                ui.run(() -> messages.accept(e.getMessage()));
            }
        });
    }

    /** The editor's JSON checked now (what a run takes). */
    ScenarioCheck checkNow() {
        return ScenarioCheck.of(text.get(), fallbackName());
    }

    // ---- plumbing --------------------------------------------------------------------------------

    private void loadBuiltIns() {
        try {
            List<ScenarioChoice> builtIns = ScenarioCatalog.builtIns();
            ui.run(() -> {
                List<ScenarioChoice> all = new ArrayList<>(builtIns);
                all.addAll(scenarios.stream().filter(ScenarioChoice::file).toList());
                scenarios.setAll(all);
                if (selected.get() == null && !all.isEmpty()) {
                    selected.set(all.get(0));
                }
            });
        } catch (RuntimeException e) {
            ui.run(() -> messages.accept("Could not read the built-in scenarios: " + e.getMessage()));
        }
    }

    private void remember(ScenarioChoice c) {
        if (text.get().equals(c.json())) {
            edits.remove(c.key());
        } else {
            edits.put(c.key(), text.get());
        }
    }

    private void recheck() {
        ScenarioCheck c = checkNow();
        check.set(c);
        error.set(c.valid() ? "" : c.error());
        warning.set(c.notRunnable() != null ? c.notRunnable() : c.needsCluster() ? ScenarioCheck.CLUSTER_NOTE : "");
        summary.set(c.summary());
    }

    private String fallbackName() {
        ScenarioChoice c = selected.get();
        return c == null ? "scenario" : ScenarioCatalog.fallbackName(c.key());
    }
}
