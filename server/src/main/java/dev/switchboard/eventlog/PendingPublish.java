package dev.switchboard.eventlog;

import dev.switchboard.model.event.PublishRequest;

import java.util.concurrent.CompletableFuture;

/**
 * A validated publish waiting for the writer. The payload is serialized and the content hashed on the
 * caller's thread, so the single writer thread spends its time on the database only.
 * {@code contentHash} is null when the producer gave no id (nobody can repeat that publish by id).
 * {@code receivedAtMillis} is when the gateway took the request, kept for delivery traces.
 */
record PendingPublish(PublishRequest request, String payloadJson, String contentHash, long receivedAtMillis,
                      CompletableFuture<PublishOutcome> result) {
}
