package dev.switchboard.console.overview;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenVerifier;
import dev.switchboard.console.connect.LocalGateway;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;
import java.util.Locale;

/**
 * The Overview's card for the console's own local gateway: how to reach it (its HTTP and WebSocket URLs,
 * and what happened to its kept ports), and tokens minted for it on demand, for an app or a curl line a
 * user points at it. Only the local gateway has one: the console knows no other gateway's secret.
 *
 * <p>Threads: the UI thread. Minting is a signature, no I/O.
 */
final class LocalGatewayCard {
    static final List<Role> ROLES = List.of(Role.USER, Role.ADMIN, Role.SERVICE);

    private final LocalGateway gateway;
    private final StringProperty userId = new SimpleStringProperty("");
    private final ObjectProperty<Role> role = new SimpleObjectProperty<>(Role.USER);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    LocalGatewayCard(LocalGateway gateway) {
        this.gateway = gateway;
    }

    // ---- properties -----------------------------------------------------------------------------

    String httpUrl() {
        return gateway.httpUrl();
    }

    String wsUrl() {
        return gateway.wsUrl();
    }

    /** "" when it listens where it did before; else which ports were taken and where it moved. */
    String portsNote() {
        return gateway.portsNote();
    }

    /** Who the next token names. */
    StringProperty userIdProperty() {
        return userId;
    }

    ObjectProperty<Role> roleProperty() {
        return role;
    }

    /** What the last mint did, or why it did not. */
    ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    // ---- commands -------------------------------------------------------------------------------

    /**
     * A token for the user id and role, signed with the local gateway's secret, for the view to copy to
     * the clipboard; null, with the reason in {@link #messageProperty()}, for a user id the gateway
     * would not accept.
     */
    String mint() {
        String user = userId.get() == null ? "" : userId.get().trim();
        Role r = role.get() == null ? Role.USER : role.get();
        if (!TokenVerifier.validSubject(user)) {
            message.set(user.isEmpty() ? "Type the user id the token is for (alice, billing, ops)."
                    : "The gateway would refuse a token for \"" + user + "\": up to 128 letters, digits and . _ @ -");
            return null;
        }
        String token = gateway.mint(user, r);
        message.set("Copied a token for " + user + " (role " + r.name().toLowerCase(Locale.ROOT) + ", valid "
                + LocalGateway.MINTED_TTL.toHours() + " h) to the clipboard.");
        return token;
    }
}
