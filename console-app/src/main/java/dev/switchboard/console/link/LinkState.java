package dev.switchboard.console.link;

/** How the console's link to its gateway stands, as the status bar shows it. */
public enum LinkState {
    DISCONNECTED("Not connected"),
    CONNECTING("Connecting…"),
    CONNECTED("Connected"),
    /** The admin stream was lost; the console is trying again with backoff. */
    RECONNECTING("Connection lost — reconnecting…"),
    /** The window is minimised: the stream is told to send nothing and nothing is polled. */
    PAUSED("Paused while minimised"),
    /**
     * The gateway answered 401 to a call or to the stream's upgrade: the admin token expired or was
     * revoked. Retrying with it is pointless; the link waits for a new one ({@link AdminFeed#useToken}).
     */
    TOKEN_REFUSED("Admin token refused (expired?)");

    private final String label;

    LinkState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
