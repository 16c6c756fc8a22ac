package dev.switchboard.eventlog;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How several gateway nodes write one event log on PostgreSQL.
 *
 * <p>Design. Every write transaction of a writer (a group commit, a fold of the tail, a retention
 * step) begins by locking one row, {@code log_counters.materialized_seq}, with
 * {@code SELECT ... FOR UPDATE}, and holds it to its commit. Writers of the whole cluster are thereby
 * serialized: one lock in one place cannot deadlock, and PostgreSQL makes a transaction visible before
 * it releases its locks, so the next holder reads everything every earlier holder committed. Under the
 * lock the writer catches up ({@link #lockAndCatchUp}): it reads the events other nodes committed since
 * its own last look ({@code seq} above the one it knows) and brings its {@link WriterState} to the
 * database's state, after which the single-writer logic decides the batch unchanged: seq, room
 * offsets and resource versions are assigned from the latest committed values, so they stay gap-free
 * and unique across nodes, compare-and-set sees every other node's writes, and an event id committed
 * anywhere is found by the id lookup. Group commit stays per node; what it costs the cluster is that
 * commits take turns (see docs/cluster.md).
 *
 * <p>When another node has folded the tail meanwhile ({@code materialized_seq} moved), the state is
 * loaded again from the database instead: the tail it holds is partly folded.
 *
 * <p>The embedded H2 file admits one process, so it never takes this path. Used by the writer thread.
 */
final class SharedLog {
    private SharedLog() {
    }

    /**
     * Takes the log's write lock in {@code c}'s transaction (until its commit or rollback) and returns
     * the writer's state as of that moment: {@code state} caught up, or a fresh load.
     */
    static WriterState lockAndCatchUp(Connection c, WriterState state) throws SQLException {
        long materialized = LogWriteLock.take(c);
        if (materialized != state.materializedSeq) {
            return WriterState.load(c);
        }
        state.addCommittedAfter(c, state.seq);
        return state;
    }
}
