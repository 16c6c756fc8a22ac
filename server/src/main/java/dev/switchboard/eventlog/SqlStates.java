package dev.switchboard.eventlog;

import java.sql.SQLException;

/** SQLSTATE codes that H2 and PostgreSQL agree on. */
public final class SqlStates {
    private SqlStates() {
    }

    public static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
