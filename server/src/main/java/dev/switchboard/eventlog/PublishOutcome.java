package dev.switchboard.eventlog;

/** What became of one publish. */
public sealed interface PublishOutcome {
    /** Stored and committed: answer 201. */
    record Created(StoredEvent event) implements PublishOutcome {
    }

    /** The id was published before with the same content: answer 200 with the first answer. */
    record Duplicate(StoredEvent first) implements PublishOutcome {
    }

    /** The id was published before with other content: 409 {@code id_conflict}. */
    record IdConflict(String id) implements PublishOutcome {
    }

    /** {@code expectedVersion} was not the resource's version: 409 {@code version_conflict}. */
    record VersionConflict(String resourceId, long expectedVersion, long currentVersion) implements PublishOutcome {
    }
}
