package dev.switchboard.console.connect;

/**
 * A gateway the console connected to: its URL, its node name then, when, and the admin token sealed
 * by {@link TokenVault} (null when the user chose not to remember it). Never holds a plain token.
 */
public record RecentGateway(String url, String node, long lastUsedMillis, String sealedToken) {
    public boolean hasToken() {
        return sealedToken != null && !sealedToken.isEmpty();
    }

    @Override
    public String toString() {
        return node == null || node.isEmpty() ? url : url + "  (" + node + ")";
    }
}
