package dev.switchboard.cli;

import dev.switchboard.backup.BackupException;
import dev.switchboard.backup.Restore;

import java.io.PrintStream;
import java.nio.file.Path;

/** {@code switchboard restore}: turns a backup into a data folder a gateway can start on. */
final class RestoreCommand {
    private RestoreCommand() {
    }

    static int run(Args args, PrintStream out, PrintStream err) {
        String from = args.take("from");
        String data = args.take("data");
        if (from == null || from.isBlank()) {
            throw new Args.UsageException("--from FILE is required");
        }
        if (data == null || data.isBlank()) {
            throw new Args.UsageException("--data DIR is required: the new, empty data folder");
        }
        if (!args.flags.isEmpty()) {
            throw new Args.UsageException("unknown option --" + args.flags.keySet().iterator().next());
        }
        try {
            Restore.Restored restored = Restore.into(Path.of(data), Path.of(from));
            out.println("restored " + from + " into " + restored.database() + " (" + restored.bytes() + " bytes)");
            out.println("new epoch " + restored.epoch().epoch() + " (was " + restored.epoch().previous() + ") for "
                    + restored.epoch().rooms() + " room" + (restored.epoch().rooms() == 1 ? "" : "s") + ": devices take a snapshot when they rejoin");
            out.println("start the gateway on it with: switchboard serve --data-dir " + data);
            return Main.OK;
        } catch (BackupException e) {
            err.println("switchboard restore: " + e.getMessage());
            return Main.FAILED;
        }
    }

    static String help() {
        return """
                Usage: switchboard restore --from FILE --data DIR

                Restores a backup written by 'switchboard backup' into DIR, which must be empty or not
                exist yet (a folder holding anything is refused, so no event log is overwritten). Then
                start a gateway with data.dir set to DIR.

                The restored log gets a new epoch: every device that rejoins with a cursor from before
                the restore (including one from events after the backup, which the restored log does
                not have) is told to take a snapshot instead of silently missing events.

                  --from FILE   the backup
                  --data DIR    the new data folder
                """;
    }
}
