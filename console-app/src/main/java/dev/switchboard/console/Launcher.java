package dev.switchboard.console;

/**
 * The jar's entry point. JavaFX refuses to start an {@code Application} subclass as the main class
 * from the class path ("JavaFX runtime components are missing"); a plain class that calls it does not.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        ConsoleApp.main(args);
    }
}
