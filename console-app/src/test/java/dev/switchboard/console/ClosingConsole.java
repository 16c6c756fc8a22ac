package dev.switchboard.console;

import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The console as a user runs it, in a process of its own ({@link ConsoleExitTest}): started with the
 * given options; once its window shows a gateway, the window is closed the way its close box does it,
 * and "closing" is printed so the test can time how long the process still lives. With
 * {@code -Dclosing.console.wait=true} it only prints "connected" and waits to be stopped (SIGTERM).
 */
public final class ClosingConsole {
    private ClosingConsole() {
    }

    public static void main(String[] args) {
        Thread closer = new Thread(ClosingConsole::closeWhenConnected, "test-closer");
        closer.setDaemon(true);
        closer.start();
        ConsoleApp.main(args);
    }

    private static void closeWhenConnected() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
                Stage stage = connectedStage();
                if (stage != null && Boolean.getBoolean("closing.console.wait")) {
                    System.out.println("connected");
                    System.out.flush();
                    return;
                }
                if (stage != null) {
                    System.out.println("closing");
                    System.out.flush();
                    Platform.runLater(() -> closeLikeTheCloseBox(stage));
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // the JavaFX toolkit is not up yet: the next round asks again
            }
        }
        System.out.println("never connected");
    }

    /** The console's window once it shows a gateway (its title names it), else null. */
    private static Stage connectedStage() throws Exception {
        CompletableFuture<Stage> found = new CompletableFuture<>();
        Platform.runLater(() -> found.complete(Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().contains("—"))
                .map(Stage.class::cast).findFirst().orElse(null)));
        return found.get(5, TimeUnit.SECONDS);
    }

    /** What the window system does for the close box: a close request, then closing unless it was consumed. */
    private static void closeLikeTheCloseBox(Stage stage) {
        WindowEvent request = new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST);
        stage.fireEvent(request);
        if (!request.isConsumed()) {
            stage.close();
        }
    }
}
