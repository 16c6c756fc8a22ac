package dev.switchboard.admin;

import dev.switchboard.http.ApiException;
import dev.switchboard.http.HttpCall;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads the admin routes' typed query parameters; a malformed one is the caller's mistake (422, naming it). */
final class QueryParams {
    /** The most rows one page of an admin list answers. */
    private static final int MAX_LIMIT = 1000;

    private QueryParams() {
    }

    /** The parameter, or null when absent or empty. */
    static String text(HttpCall call, String name) {
        String v = call.query(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** An ISO-8601 instant ({@code 2026-11-29T10:00:00Z}) or epoch milliseconds, as epoch milliseconds; null when absent. */
    static Long instant(HttpCall call, String name) throws ApiException {
        String v = text(call, name);
        if (v == null) {
            return null;
        }
        try {
            return v.chars().allMatch(Character::isDigit) ? Long.parseLong(v) : Instant.parse(v).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw ApiException.invalid(name + ": expected an ISO-8601 instant or epoch milliseconds, got " + v);
        }
    }

    /** A whole number ≥ {@code min}; null when absent. */
    static Long whole(HttpCall call, String name, long min) throws ApiException {
        String v = text(call, name);
        if (v == null) {
            return null;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name + ": expected a whole number of at least " + min + ", got " + v);
        }
    }

    /** {@code limit}: rows per page, {@code fallback} when absent, at most {@value #MAX_LIMIT}. */
    static int limit(HttpCall call, int fallback) throws ApiException {
        return limit(call, fallback, MAX_LIMIT);
    }

    /** As above, capped at {@code max} instead of the usual 1,000. */
    static int limit(HttpCall call, int fallback, int max) throws ApiException {
        String v = text(call, "limit");
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return Math.min(n, max);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("limit: expected a positive whole number, got " + v);
        }
    }
}
