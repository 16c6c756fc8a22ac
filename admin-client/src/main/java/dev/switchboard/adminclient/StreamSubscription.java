package dev.switchboard.adminclient;

import java.util.Collection;
import java.util.List;

/**
 * What an admin stream sends (the {@code subscribe} frame, docs/admin-api.md): its topics, optionally
 * only about one room, user, event type or resource ({@code type} and {@code resource} exactly, or as
 * a prefix ending with {@code *}), and at most {@code maxPerSecond} items a second (null: the
 * gateway's default). Null filters filter nothing. Immutable.
 */
public record StreamSubscription(List<String> topics, String room, String user, String type, String resource,
                                 Integer maxPerSecond) {
    public StreamSubscription {
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    /** These topics, unfiltered, at the gateway's default rate. */
    public static StreamSubscription of(Collection<String> topics) {
        return new StreamSubscription(List.copyOf(topics), null, null, null, null, null);
    }

    public StreamSubscription room(String r) {
        return new StreamSubscription(topics, r, user, type, resource, maxPerSecond);
    }

    public StreamSubscription user(String u) {
        return new StreamSubscription(topics, room, u, type, resource, maxPerSecond);
    }

    public StreamSubscription type(String t) {
        return new StreamSubscription(topics, room, user, t, resource, maxPerSecond);
    }

    public StreamSubscription resource(String r) {
        return new StreamSubscription(topics, room, user, type, r, maxPerSecond);
    }

    public StreamSubscription maxPerSecond(Integer n) {
        return new StreamSubscription(topics, room, user, type, resource, n);
    }
}
