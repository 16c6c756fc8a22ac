package dev.switchboard.auth;

import java.util.Locale;
import java.util.Optional;

/** Roles of PROTOCOL.md §1. Each later role may do everything the one before it may. */
public enum Role {
    /** Connects and joins the rooms the ACL allows. */
    USER,
    /** A backend: publishes, reads every room, manages the ACL. */
    SERVICE,
    /** Everything a service may, plus /admin/* and the admin stream. */
    ADMIN;

    public boolean mayPublish() {
        return this != USER;
    }

    public boolean mayReadEveryRoom() {
        return this != USER;
    }

    public boolean mayManageAcl() {
        return this != USER;
    }

    public boolean mayAdminister() {
        return this == ADMIN;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        for (Role r : values()) {
            if (r.wire().equals(text)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
