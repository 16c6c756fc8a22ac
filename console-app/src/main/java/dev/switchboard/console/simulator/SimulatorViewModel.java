package dev.switchboard.console.simulator;

import dev.switchboard.client.TrustedCa;
import dev.switchboard.console.connect.LocalGateway;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.PageModel;
import dev.switchboard.console.ui.Format;
import dev.switchboard.model.json.Json;
import dev.switchboard.simulator.report.DeviceReport;
import dev.switchboard.simulator.report.JsonReport;
import dev.switchboard.simulator.report.SimulationReport;
import dev.switchboard.simulator.report.TextReport;
import dev.switchboard.simulator.run.DeviceStatus;
import dev.switchboard.simulator.run.ManualChaos;
import dev.switchboard.simulator.run.RunPlan;
import dev.switchboard.simulator.run.ClusterGateway;
import dev.switchboard.simulator.run.RemoteGateway;
import dev.switchboard.simulator.run.Simulation;
import dev.switchboard.simulator.scenario.StepAction;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Simulator page's state and commands: take the scenario of the {@link ScenarioEditor}, run it
 * against the connected gateway, watch every simulated device live, inject chaos into one by hand, and
 * read the verdict and the report.
 *
 * <p>The run goes on its own thread ({@link LiveRun}) and goes on while the user looks at other pages;
 * only the live refresh (a snapshot every {@value #REFRESH_MILLIS} ms on the context's timer, applied on
 * the UI thread in one batch) stops when the page is not shown or the window is minimised. Chaos steps
 * block while they are carried out, so they go to a background thread ({@code simulator-chaos}); files
 * and the built-in scenarios are read and written on another ({@code simulator-io}). {@link #dispose()}
 * cancels the run.
 *
 * <p>The gateway: on the console's local gateway a run uses that gateway itself, and may restart it.
 * Elsewhere the console's admin token serves as the run's service token (an admin may publish
 * and manage the ACL) and admin token (faults); the gateway's token secret, which mints the devices'
 * tokens, comes from the context (the local gateway) or is typed in by the user and kept in memory only.
 *
 * <p>Threads: every property and field below is the UI thread's ({@link ConsoleContext#ui()}); commands
 * are called on it. Background work hands its results back through {@code ctx.ui().run(...)}.
 */
public final class SimulatorViewModel implements PageModel {
    /** Where the page's run stands. */
    public enum RunState { IDLE, STARTING, RUNNING, DONE }

    /** The settings of a chaos step, each used by some actions only (as {@link ManualChaos} documents). */
    public enum ChaosSetting {
        SECONDS, COUNT, WINDOW, DELAY;

        public boolean usedBy(StepAction action) {
            if (action == null) {
                return false;
            }
            return switch (this) {
                case SECONDS -> TIMED.contains(action);
                case COUNT -> action == StepAction.DROP;
                case WINDOW -> action == StepAction.REORDER;
                case DELAY -> action == StepAction.DELAY;
            };
        }
    }

    static final long REFRESH_MILLIS = 300;
    static final int CHAOS_LOG_LIMIT = 200;
    public static final int MAX_REPLICAS = 100;
    /** What a user can inject here: no restart by hand; a scenario may restart the console's local gateway, nothing else. */
    public static final List<StepAction> CHAOS_ACTIONS = Simulation.MANUAL_ACTIONS.stream()
            .filter(a -> a != StepAction.RESTART_GATEWAY).sorted().toList();
    private static final Set<StepAction> TIMED = EnumSet.of(StepAction.OFFLINE, StepAction.BACKGROUND,
            StepAction.DUPLICATE, StepAction.REORDER, StepAction.DELAY);

    private final ConsoleContext ctx;
    private final ExecutorService io = daemon("simulator-io");
    private final ExecutorService chaos = daemon("simulator-chaos");
    private final ScenarioEditor scenario;

    // ---- properties ------------------------------------------------------------------------------

    private final ObjectProperty<Integer> replicas = new SimpleObjectProperty<>(1);
    private final StringProperty rate = new SimpleStringProperty("");
    private final StringProperty tokenSecret = new SimpleStringProperty("");

    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(RunState.IDLE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper phaseText = new ReadOnlyStringWrapper("No run yet · choose a scenario and press Run");
    private final ReadOnlyStringWrapper elapsedText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper planText = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ObservableList<DeviceRow> devices = FXCollections.observableArrayList();
    private final ObjectProperty<DeviceRow> selectedDevice = new SimpleObjectProperty<>();

    private final ObjectProperty<StepAction> chaosAction = new SimpleObjectProperty<>(StepAction.CUT);
    private final ObjectProperty<Double> chaosSeconds = new SimpleObjectProperty<>(ManualChaos.DEFAULT_SECONDS);
    private final ObjectProperty<Integer> chaosCount = new SimpleObjectProperty<>(ManualChaos.DEFAULT_COUNT);
    private final ObjectProperty<Integer> chaosWindow = new SimpleObjectProperty<>(ManualChaos.DEFAULT_WINDOW);
    private final ObjectProperty<Integer> chaosDelayMs = new SimpleObjectProperty<>((int) ManualChaos.DEFAULT_DELAY_MS);
    private final ObservableList<ChaosLogEntry> chaosLog = FXCollections.observableArrayList();

    private final ReadOnlyObjectWrapper<SimulationReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verdictDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper reportText = new ReadOnlyStringWrapper("");

    private final BooleanBinding running = state.isEqualTo(RunState.STARTING).or(state.isEqualTo(RunState.RUNNING));
    private final BooleanBinding canRun;
    /** A cluster scenario runs on a cluster the simulator starts, over this PostgreSQL (never stored). */
    private final StringProperty clusterDbUrl = new SimpleStringProperty("");
    private final StringProperty clusterDbUser = new SimpleStringProperty("");
    private final StringProperty clusterDbPassword = new SimpleStringProperty("");
    private final BooleanBinding clusterNeeded;
    private final BooleanBinding canChaos;

    // ---- UI-thread state -------------------------------------------------------------------------

    private final Map<String, DeviceRow> rowsByDevice = new HashMap<>();
    private LiveRun run;
    private ScheduledFuture<?> refresh;
    private boolean active;
    private boolean disposed;

    public SimulatorViewModel(ConsoleContext ctx) {
        this.ctx = ctx;
        this.scenario = new ScenarioEditor(ctx.ui(), io, message::set);
        clusterNeeded = Bindings.createBooleanBinding(() -> scenario.checkProperty().get().needsCluster(),
                scenario.checkProperty());
        canRun = Bindings.createBooleanBinding(() -> !running.get() && scenario.checkProperty().get().runnable()
                        && !ctx.readOnly() && (clusterNeeded.get() ? !clusterDbUrl.get().isBlank()
                        : !tokenSecretNeeded() || !tokenSecret.get().isBlank()),
                running, scenario.checkProperty(), ctx.readOnlyProperty(), tokenSecret, clusterNeeded, clusterDbUrl);
        canChaos = Bindings.createBooleanBinding(() -> state.get() == RunState.RUNNING && selectedDevice.get() != null
                && chaosAction.get() != null && !ctx.readOnly(), state, selectedDevice, chaosAction, ctx.readOnlyProperty());
    }

    // ---- properties ------------------------------------------------------------------------------

    /** The scenario list and the JSON editor. */
    public ScenarioEditor scenario() {
        return scenario;
    }

    /** Copies of the scenario's cast run side by side (1 as written). */
    public ObjectProperty<Integer> replicasProperty() {
        return replicas;
    }

    /** Total events per second; empty for the scenario's own rate. */
    public StringProperty rateProperty() {
        return rate;
    }

    /** The console's read-only switch: run, stop and chaos are hidden and refused while it is on. */
    public ReadOnlyBooleanProperty readOnlyProperty() {
        return ctx.readOnlyProperty();
    }

    /** True when the console does not know the gateway's token secret: the user must type it in. */
    public boolean tokenSecretNeeded() {
        return ctx.tokenSecret() == null;
    }

    /** What the user typed as the gateway's token secret; used for runs only, never stored. */
    public StringProperty tokenSecretProperty() {
        return tokenSecret;
    }

    /** True while the chosen scenario needs a cluster: the page asks for the PostgreSQL to start it on. */
    public BooleanBinding clusterNeededProperty() {
        return clusterNeeded;
    }

    /** {@code jdbc:postgresql://host:port/db} for a cluster run; in memory only. */
    public StringProperty clusterDbUrlProperty() {
        return clusterDbUrl;
    }

    public StringProperty clusterDbUserProperty() {
        return clusterDbUser;
    }

    public StringProperty clusterDbPasswordProperty() {
        return clusterDbPassword;
    }

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public BooleanBinding runningProperty() {
        return running;
    }

    /** Run is possible: no run going, a valid runnable scenario, not read-only, a token secret. */
    public BooleanBinding canRunProperty() {
        return canRun;
    }

    public BooleanBinding canChaosProperty() {
        return canChaos;
    }

    /** Why Run, Open file or Save did not do what was asked, or what the run is doing; "" for nothing. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** {@code Running · published 96/160 · connected 3/3 · failures 0}. */
    public ReadOnlyStringProperty phaseTextProperty() {
        return phaseText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty elapsedTextProperty() {
        return elapsedText.getReadOnlyProperty();
    }

    /**
     * What the run touches on the gateway ({@link RunPlan#describe()}: its id, the prefixed users and
     * rooms, counts, the gateway), from before it grants or connects anything until the next run;
     * empty before the first. The device table names devices without the run's prefix.
     */
    public ReadOnlyStringProperty planTextProperty() {
        return planText.getReadOnlyProperty();
    }

    /** Events published over events due, -1 while nothing is due yet. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Every simulated device of the current (or last) run, updated in place. */
    public ObservableList<DeviceRow> devices() {
        return devices;
    }

    /** The device chaos goes to (the table's selection). */
    public ObjectProperty<DeviceRow> selectedDeviceProperty() {
        return selectedDevice;
    }

    public ObjectProperty<StepAction> chaosActionProperty() {
        return chaosAction;
    }

    /** offline, background, duplicate, reorder, delay: how long, in seconds. */
    public ObjectProperty<Double> chaosSecondsProperty() {
        return chaosSeconds;
    }

    /** drop: how many live events. */
    public ObjectProperty<Integer> chaosCountProperty() {
        return chaosCount;
    }

    /** reorder: the window. */
    public ObjectProperty<Integer> chaosWindowProperty() {
        return chaosWindow;
    }

    /** delay: milliseconds. */
    public ObjectProperty<Integer> chaosDelayMsProperty() {
        return chaosDelayMs;
    }

    /** Whether the chosen action takes a duration, a count, a window or a delay. */
    public BooleanBinding chaosUses(ChaosSetting setting) {
        return Bindings.createBooleanBinding(() -> setting.usedBy(chaosAction.get()), chaosAction);
    }

    /** Steps injected by hand and their answers, newest first. */
    public ObservableList<ChaosLogEntry> chaosLog() {
        return chaosLog;
    }

    /** The last run's report, null before one ends. */
    public ReadOnlyObjectProperty<SimulationReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** PASSED, FAILED or CANCELLED once a run ended, else "". */
    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verdictDetailProperty() {
        return verdictDetail.getReadOnlyProperty();
    }

    /** The simulator's text report of the last run. */
    public ReadOnlyStringProperty reportTextProperty() {
        return reportText.getReadOnlyProperty();
    }

    // ---- commands --------------------------------------------------------------------------------

    /** The page is shown: the live table refreshes while a run goes on. */
    @Override
    public void activate() {
        active = true;
        startRefresh();
    }

    /** Another page is shown or the window is minimised: the run goes on, the table stops refreshing. */
    @Override
    public void deactivate() {
        active = false;
        stopRefresh();
    }

    /**
     * Runs the editor's scenario against the connected gateway, on a thread of its own. Refused (with
     * the reason in {@link #messageProperty()}, and nothing sent to the gateway) when read-only, while a
     * run goes on, when the JSON is not a valid scenario (the loader's message), without a token secret,
     * or with a bad rate. The simulator itself refuses a scenario the gateway cannot run; its reason
     * shows the same way.
     *
     * @return whether a run started
     */
    public boolean run() {
        if (ctx.readOnly()) {
            return refuse("Read-only mode: a simulation grants rooms, publishes events and injects faults."
                    + " Turn read-only off to run one.");
        }
        if (running.get()) {
            return refuse("A simulation is running: stop it first.");
        }
        ScenarioCheck c = scenario.checkNow();
        if (!c.valid()) {
            return refuse("Not run: the scenario is not valid: " + c.error());
        }
        LiveRun.Target where;
        if (c.needsCluster()) {
            String url = clusterDbUrl.get().trim();
            if (!url.startsWith("jdbc:postgresql:")) {
                return refuse("Enter the PostgreSQL database the cluster's nodes share, as jdbc:postgresql://host:port/db"
                        + " (give it a database of its own: its tables are created there).");
            }
            String user = clusterDbUser.get().isBlank() ? null : clusterDbUser.get().trim();
            String password = clusterDbPassword.get().isEmpty() ? null : clusterDbPassword.get();
            where = () -> ClusterGateway.start(3, url, user, password);
        } else {
            String secret = tokenSecretNeeded() ? tokenSecret.get().trim() : ctx.tokenSecret();
            if (secret.isEmpty()) {
                return refuse("Enter the gateway's token secret: the simulator mints its devices' tokens with it.");
            }
            where = target(secret);
        }
        Double eventsPerSecond;
        try {
            eventsPerSecond = rate();
        } catch (IllegalArgumentException e) {
            return refuse(e.getMessage());
        }
        int copies = replicas.get() == null ? 1 : Math.max(1, Math.min(MAX_REPLICAS, replicas.get()));
        Simulation.Options options = Simulation.Options.defaults().withReplicas(copies).withRate(eventsPerSecond);
        LiveRun r = new LiveRun(c.scenario(), options, where);
        clearRun();
        run = r;
        state.set(RunState.STARTING);
        phaseText.set(c.needsCluster() ? "Starting · three gateway nodes and Redis" : "Starting · connecting to the gateway");
        progress.set(-1);
        message.set("");
        r.start(new RunListener(r));
        startRefresh();
        ctx.notice("Simulator: running " + c.scenario().name());
        return true;
    }

    /**
     * Where the run goes: the console's own local gateway when it is the connected one, which the run may
     * restart (gateway-restart-during-sessions) but leaves running; else the connected gateway as a
     * remote one, which it cannot restart.
     */
    private LiveRun.Target target(String secret) {
        LocalGateway local = ctx.localGateway();
        if (local != null) {
            return local::forSimulation;
        }
        String url = ctx.api().baseUrl();
        String token = ctx.adminToken();
        TrustedCa ca = ctx.trustedCa();
        return () -> RemoteGateway.connect(url, token, token, secret, ca);
    }

    /** Ends the run early: its report says CANCELLED. */
    public void stop() {
        LiveRun r = run;
        if (r != null && running.get()) {
            r.cancel();
            phaseText.set("Stopping · ending the steps and publishes in flight");
            ctx.notice("Simulator: stopping the run");
        }
    }

    /** Injects the chosen chaos into the selected device (on a background thread); the answer goes to the log. */
    public void applyChaos() {
        DeviceRow target = selectedDevice.get();
        StepAction action = chaosAction.get();
        if (action == null) {
            return;
        }
        String device = target == null ? "(no device)" : target.device();
        ManualChaos params = chaosParams(action);
        String step = ChaosLogEntry.step(action, device, params);
        LiveRun r = run;
        if (ctx.readOnly()) {
            log(step, "read-only mode: chaos is an action", false);
        } else if (r == null || state.get() != RunState.RUNNING) {
            log(step, "no run is in progress", false);
        } else if (target == null) {
            log(step, "select a device in the table first", false);
        } else {
            chaos.execute(() -> {
                try {
                    String outcome = r.inject(device, action, params);
                    ctx.ui().run(() -> log(step, outcome, true));
                } catch (IllegalStateException | IllegalArgumentException e) {
                    ctx.ui().run(() -> log(step, e.getMessage(), false));
                } catch (RuntimeException e) {
                    ctx.ui().run(() -> log(step, e.toString(), false));
                }
            });
        }
    }

    /** Writes the last report as JSON (the simulator's {@code --json} format), off the UI thread. */
    public void saveJsonReport(Path file) {
        SimulationReport r = report.get();
        if (r == null) {
            say("No report yet: run a scenario first.");
            return;
        }
        io.execute(() -> {
            try {
                String json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(JsonReport.render(r));
                Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
                say("Saved the JSON report to " + file);
            } catch (IOException e) {
                say("Could not save the report to " + file + ": " + e.getMessage());
            }
        });
    }

    /** The view copied the text report to the clipboard. */
    public void reportCopied() {
        ctx.notice("Simulator: report copied");
    }

    /** Another page named a scenario: select it. */
    @Override
    public void open(String argument) {
        scenario().select(argument);
    }

    /** The link is gone: the run is cancelled, timers and threads end. */
    @Override
    public void dispose() {
        disposed = true;
        stopRefresh();
        if (run != null) {
            run.cancel();
        }
        io.shutdownNow();
        chaos.shutdownNow();
    }

    // ---- the run ---------------------------------------------------------------------------------

    /** Hands what happens on the run's thread to the UI thread, for its own run only. */
    private final class RunListener implements LiveRun.Listener {
        private final LiveRun r;

        RunListener(LiveRun r) {
            this.r = r;
        }

        @Override
        public void planned(RunPlan plan) {
            String text = plan.describe().strip();
            ctx.ui().run(() -> {
                if (run == r) {
                    planText.set(text);
                }
            });
        }

        @Override
        public void started() {
            ctx.ui().run(() -> {
                if (run == r && state.get() == RunState.STARTING) {
                    state.set(RunState.RUNNING);
                }
            });
        }

        @Override
        public void refused(String reason) {
            ended("Cannot run here: " + reason);
        }

        @Override
        public void failed(String reason) {
            ended("The run failed: " + reason);
        }

        @Override
        public void finished(SimulationReport rep) {
            RunSnapshot last = r.snapshot();
            ctx.ui().run(() -> {
                if (run == r) {
                    apply(last);
                    finish(rep, last.elapsedNanos());
                }
            });
        }

        private void ended(String why) {
            ctx.ui().run(() -> {
                if (run == r) {
                    stopRefresh();
                    state.set(RunState.IDLE);
                    phaseText.set("Not run");
                    progress.set(0);
                    message.set(why);
                    ctx.notice("Simulator: " + why);
                }
            });
        }
    }

    private void startRefresh() {
        LiveRun r = run;
        if (!active || disposed || refresh != null || r == null || !running.get()) {
            return;
        }
        refresh = ctx.timer().scheduleWithFixedDelay(() -> {
            if (!ctx.link().paused()) {
                RunSnapshot s = r.snapshot();
                ctx.ui().run(() -> {
                    if (run == r && running.get()) {
                        apply(s);
                    }
                });
            }
        }, 0, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void stopRefresh() {
        if (refresh != null) {
            refresh.cancel(false);
            refresh = null;
        }
    }

    /** One snapshot, applied at once: the phase line and every device row. */
    private void apply(RunSnapshot s) {
        if (state.get() != RunState.DONE) {
            phaseText.set(s.line());
            progress.set(s.progress());
        }
        elapsedText.set(elapsed(s.elapsedNanos()));
        List<DeviceRow> added = new ArrayList<>();
        for (DeviceStatus d : s.devices()) {
            DeviceRow row = rowsByDevice.get(d.device());
            if (row == null) {
                row = new DeviceRow(d);
                rowsByDevice.put(d.device(), row);
                added.add(row);
            } else {
                row.update(d);
            }
        }
        if (!added.isEmpty()) {
            devices.addAll(added);
        }
    }

    private void finish(SimulationReport r, long elapsedNanos) {
        stopRefresh();
        for (DeviceReport d : r.devices()) {
            DeviceRow row = rowsByDevice.get(d.device());
            if (row != null) {
                row.finish(d);
            }
        }
        report.set(r);
        verdict.set(r.verdict());
        verdictDetail.set(detail(r));
        reportText.set(TextReport.render(r));
        state.set(RunState.DONE);
        phaseText.set("Done · " + r.verdict());
        elapsedText.set(elapsed(elapsedNanos));
        SimulationReport.Publishing p = r.publishing();
        progress.set(p.due() == 0 ? 0 : (double) p.confirmed() / p.due());
        ctx.notice("Simulator: " + r.scenario() + " " + r.verdict());
    }

    private void clearRun() {
        stopRefresh();
        devices.clear();
        rowsByDevice.clear();
        selectedDevice.set(null);
        chaosLog.clear();
        report.set(null);
        verdict.set("");
        verdictDetail.set("");
        reportText.set("");
        elapsedText.set("");
    }

    /** {@code converged 0.84 s after the chaos ended · 160/160 published · 0 failures}. */
    static String detail(SimulationReport r) {
        String how = r.cancelled() ? "stopped by hand: convergence not judged"
                : r.convergedAfterSeconds() >= 0
                ? String.format(Locale.ROOT, "converged %.2f s after the chaos ended", r.convergedAfterSeconds())
                : "not converged by the deadline";
        return how + " · " + Format.count(r.publishing().confirmed()) + "/" + Format.count(r.publishing().due())
                + " published · " + Format.count(r.totalFailures()) + (r.totalFailures() == 1 ? " failure" : " failures");
    }

    private static String elapsed(long nanos) {
        long ms = TimeUnit.NANOSECONDS.toMillis(nanos);
        return "elapsed " + (ms < 60_000 ? Format.millis(ms) : Format.duration(Duration.ofMillis(ms)));
    }

    // ---- options ---------------------------------------------------------------------------------

    private Double rate() {
        String text = rate.get() == null ? "" : rate.get().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            double d = Double.parseDouble(text);
            if (d > 0 && d <= 100_000) {
                return d;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("Events/s must be a number above 0 and at most 100,000, or empty for the"
                + " scenario's own rate; got " + text);
    }

    // ---- chaos -----------------------------------------------------------------------------------

    private ManualChaos chaosParams(StepAction action) {
        return new ManualChaos(ChaosSetting.SECONDS.usedBy(action) ? chaosSeconds.get() : null,
                ChaosSetting.COUNT.usedBy(action) ? chaosCount.get() : null,
                ChaosSetting.WINDOW.usedBy(action) ? chaosWindow.get() : null,
                ChaosSetting.DELAY.usedBy(action) && chaosDelayMs.get() != null ? Long.valueOf(chaosDelayMs.get()) : null);
    }

    private void log(String step, String answer, boolean ok) {
        chaosLog.add(0, new ChaosLogEntry(Format.clock(System.currentTimeMillis()), step, answer, ok));
        if (chaosLog.size() > CHAOS_LOG_LIMIT) {
            chaosLog.remove(CHAOS_LOG_LIMIT, chaosLog.size());
        }
        ctx.notice("Simulator: " + step + (ok ? " → " : " ✗ ") + answer);
    }

    // ---- plumbing --------------------------------------------------------------------------------

    private boolean refuse(String why) {
        message.set(why);
        ctx.notice("Simulator: " + why);
        return false;
    }

    /** Sets the page's message from any thread. */
    private void say(String text) {
        ctx.ui().run(() -> message.set(text));
        ctx.notice("Simulator: " + text);
    }

    private static ExecutorService daemon(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
