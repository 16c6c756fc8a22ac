package dev.switchboard.model.admin;

/**
 * The answer to a {@link Redelivery}: how many events were sent again; on a cluster, for a connection
 * another node holds, the node it was handed to ({@code 202}, {@code sent} 0 here: that node sends).
 */
public record Redelivered(int sent, String forwardedTo) {
    public Redelivered(int sent) {
        this(sent, null);
    }
}
