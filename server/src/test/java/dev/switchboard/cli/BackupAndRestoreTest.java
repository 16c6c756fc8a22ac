package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code switchboard backup} against a running gateway that keeps taking publishes, {@code switchboard
 * restore} into a new folder, and a gateway started on what was restored, all over the real command
 * line, HTTP and WebSocket.
 */
class BackupAndRestoreTest {
    private static final List<String> ROOMS = List.of("doc:backup-a", "doc:backup-b");

    private static CommandRun backup(TestGateway gw, Path to) {
        return CommandRun.of("backup", "--to", to.toString(), "--url", gw.gateway().httpUrl("127.0.0.1"),
                "--token-secret", TestGateway.SECRET);
    }

    private static CommandRun restore(Path from, Path data) {
        return CommandRun.of("restore", "--from", from.toString(), "--data", data.toString());
    }

    private static Api.Response publish(Api api, String resource, List<String> rooms) {
        ObjectNode payload = Json.object();
        payload.put("r", resource);
        return api.publish(Api.event("doc.changed", resource, rooms, payload));
    }

    /** A room's whole stream as the log answers it, event ids by offset, read page by page. */
    private static TreeMap<Long, String> stream(Api api, String room) {
        TreeMap<Long, String> events = new TreeMap<>();
        long after = 0;
        boolean more = true;
        while (more) {
            JsonNode page = api.get("/api/rooms/" + room + "/events?after=" + after + "&limit=500").json();
            for (JsonNode e : page.path("events")) {
                events.put(e.path("offset").asLong(), e.path("event").path("id").asText());
            }
            after = page.path("nextOffset").asLong();
            more = page.path("hasMore").asBoolean();
        }
        return events;
    }

    private static String epoch(Api api, String room) {
        return api.get("/api/rooms/" + room + "/events?after=0&limit=1").json().path("epoch").asText();
    }

    @Test
    void aBackupTakenWhilePublishesContinueRestoresEveryEventAcknowledgedBeforeIt(@TempDir Path work) throws Exception {
        Path backupFile = work.resolve("nightly.zip");
        Path restored = work.resolve("restored");
        try (TestGateway live = TestGateway.start(Files.createDirectories(work.resolve("live")))) {
            Api api = live.service;
            // Publishers to one room, the other, and both, for as long as the backup runs and a while after.
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            List<String> refused = new ArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> publishers = new ArrayList<>();
            List<List<String>> targets = List.of(List.of(ROOMS.get(0)), List.of(ROOMS.get(1)), ROOMS);
            for (int t = 0; t < targets.size(); t++) {
                int id = t;
                Thread th = new Thread(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        Api.Response r = publish(api, "res-" + id + "-" + (n % 50), targets.get(id));
                        if (r.status() == 201) {
                            acknowledged.add(r.json().path("id").asText());
                        } else {
                            synchronized (refused) {
                                refused.add(r.toString());
                            }
                        }
                    }
                }, "publisher-" + t);
                th.start();
                publishers.add(th);
            }
            while (acknowledged.size() < 300) {
                Thread.sleep(10);
            }
            Set<String> beforeBackup = Set.copyOf(acknowledged);

            CommandRun saved = backup(live, backupFile);

            int atBackupEnd = acknowledged.size();
            while (acknowledged.size() < atBackupEnd + 50) {
                Thread.sleep(10);
            }
            stop.set(true);
            for (Thread th : publishers) {
                th.join();
            }
            assertThat(saved.code()).as(saved.toString()).isZero();
            assertThat(saved.out()).contains("backup written to " + backupFile);
            assertThat(backupFile).exists();
            assertThat(refused).as("publishes go on being accepted while the backup runs").isEmpty();

            CommandRun r = restore(backupFile, restored);
            assertThat(r.code()).as(r.toString()).isZero();

            Map<String, TreeMap<Long, String>> original = new TreeMap<>();
            for (String room : ROOMS) {
                original.put(room, stream(api, room));
            }
            try (TestGateway back = TestGateway.start(restored)) {
                Set<String> restoredIds = new HashSet<>();
                for (String room : ROOMS) {
                    TreeMap<Long, String> events = stream(back.service, room);
                    assertThat(events.keySet()).as(room + ": offsets 1..head without a gap")
                            .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
                    assertThat(events).as(room + ": the restored stream is the live stream up to where the backup was taken")
                            .isEqualTo(new TreeMap<>(original.get(room).headMap((long) events.size(), true)));
                    restoredIds.addAll(events.values());
                    assertThat(epoch(back.service, room)).as("a restored stream has a new epoch")
                            .isNotEqualTo(epoch(api, room));
                }
                assertThat(restoredIds).as("every event acknowledged before the backup began").containsAll(beforeBackup);

                // The restored log goes on from its own head.
                long head = stream(back.service, ROOMS.get(0)).size();
                Api.Response next = publish(back.service, "after-restore", List.of(ROOMS.get(0)));
                assertThat(next.status()).isEqualTo(201);
                assertThat(next.json().path("offsets").path(ROOMS.get(0)).asLong()).isEqualTo(head + 1);
            }
        }
    }

    @Test
    void aDeviceWhoseCursorIsFromAfterTheBackupIsToldToTakeASnapshot(@TempDir Path work) throws Exception {
        String room = "doc:backup-cursor";
        Path backupFile = work.resolve("b.zip");
        Path restored = work.resolve("restored");
        String oldEpoch;
        long phoneCursor;
        try (TestGateway live = TestGateway.start(Files.createDirectories(work.resolve("live")))) {
            assertThat(live.service.put("/api/acl/" + room + "/members/alice").status()).isEqualTo(204);
            try (WsClient phone = live.connect("alice", "phone")) {
                phone.next("welcome");
                oldEpoch = phone.join(room).path("epoch").asText();
                for (int i = 1; i <= 5; i++) {
                    assertThat(publish(live.service, "before-" + i, List.of(room)).status()).isEqualTo(201);
                }
                CommandRun saved = backup(live, backupFile);
                assertThat(saved.code()).as(saved.toString()).isZero();
                for (int i = 1; i <= 5; i++) {
                    assertThat(publish(live.service, "after-" + i, List.of(room)).status()).isEqualTo(201);
                }
                List<JsonNode> got = phone.events(room, 10);
                phoneCursor = got.get(9).path("offset").asLong();
            }
        }
        assertThat(phoneCursor).isEqualTo(10);

        assertThat(restore(backupFile, restored).code()).isZero();
        try (TestGateway back = TestGateway.start(restored)) {
            // The restored log reaches offsets 6..10 again, with events the phone has never seen.
            for (int i = 1; i <= 5; i++) {
                assertThat(publish(back.service, "new-" + i, List.of(room)).status()).isEqualTo(201);
            }
            try (WsClient phone = back.connect("alice", "phone");
                 WsClient tablet = back.connect("alice", "tablet")) {
                phone.next("welcome");
                JsonNode joined = phone.join(room, oldEpoch, phoneCursor);
                assertThat(joined.path("op").asText()).as(joined.toString()).isEqualTo("joined");
                assertThat(joined.path("snapshotRequired").asBoolean()).as("cursor from the old log: " + joined).isTrue();
                assertThat(joined.path("recovered").asBoolean()).isFalse();
                assertThat(joined.path("epoch").asText()).isNotEqualTo(oldEpoch);
                assertThat(joined.path("offset").asLong()).isEqualTo(10);

                tablet.next("welcome");
                JsonNode behind = tablet.join(room, oldEpoch, 3);
                assertThat(behind.path("snapshotRequired").asBoolean()).as("a cursor within the backup but of the old epoch")
                        .isTrue();

                Api alice = back.user("alice");
                JsonNode page = alice.get("/api/rooms/" + room + "/events?after=" + phoneCursor + "&epoch=" + oldEpoch).json();
                assertThat(page.path("snapshotRequired").asBoolean()).as("over HTTP too: " + page).isTrue();
                assertThat(page.path("events")).isEmpty();
                JsonNode snapshot = alice.get("/api/rooms/" + room + "/snapshot").json();
                assertThat(snapshot.path("epoch").asText()).isEqualTo(joined.path("epoch").asText());
                assertThat(snapshot.path("resources")).hasSize(10); // before-1..5 and new-1..5, not after-*
            }
        }
    }

    @Test
    void restoreRefusesAFolderThatIsNotEmptyAndFilesThatAreNotBackups(@TempDir Path work) throws Exception {
        Path backupFile = work.resolve("good.zip");
        try (TestGateway live = TestGateway.start(Files.createDirectories(work.resolve("live")))) {
            assertThat(publish(live.service, "x", List.of("doc:refuse")).status()).isEqualTo(201);
            assertThat(backup(live, backupFile).code()).isZero();
        }

        Path occupied = Files.createDirectories(work.resolve("occupied"));
        Files.writeString(occupied.resolve("notes.txt"), "keep me");
        CommandRun intoOccupied = restore(backupFile, occupied);
        assertThat(intoOccupied.code()).as(intoOccupied.toString()).isNotZero();
        assertThat(intoOccupied.err()).contains("is not empty").contains("notes.txt");
        try (var entries = Files.list(occupied)) {
            assertThat(entries.map(p -> p.getFileName().toString()).toList()).containsExactly("notes.txt");
        }

        Path text = Files.writeString(work.resolve("notes.zip"), "not a zip at all");
        Path emptyZip = work.resolve("empty.zip");
        try (var zip = new ZipOutputStream(Files.newOutputStream(emptyZip))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hello".getBytes());
        }
        for (Path notABackup : List.of(text, emptyZip)) {
            Path target = work.resolve("target-" + notABackup.getFileName());
            CommandRun refused = restore(notABackup, target);
            assertThat(refused.code()).as(refused.toString()).isNotZero();
            assertThat(refused.err()).contains("is not a Switchboard backup");
            assertThat(target).as("nothing written").doesNotExist();
        }
        // An H2 database, but not a gateway's: found only once it is taken out and opened, then removed again.
        Path other = Files.createDirectories(work.resolve("other"));
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + other.resolve("inventory")); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE items (id INT PRIMARY KEY)");
        }
        Path otherZip = work.resolve("other.zip");
        try (var zip = new ZipOutputStream(Files.newOutputStream(otherZip))) {
            zip.putNextEntry(new ZipEntry("inventory.mv.db"));
            Files.copy(other.resolve("inventory.mv.db"), zip);
        }
        Path emptyFolder = Files.createDirectories(work.resolve("empty-folder"));
        CommandRun notALog = restore(otherZip, emptyFolder);
        assertThat(notALog.code()).as(notALog.toString()).isNotZero();
        assertThat(notALog.err()).contains("is not a Switchboard backup").contains("without a Switchboard event log");
        try (var entries = Files.list(emptyFolder)) {
            assertThat(entries.toList()).as("the folder is left as empty as it was").isEmpty();
        }

        CommandRun missing = restore(work.resolve("no-such.zip"), work.resolve("target-missing"));
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("does not exist");
    }

    @Test
    void backupIsRefusedWithoutAnAdminTokenAndNeverOverwritesAFile(@TempDir Path work) throws Exception {
        try (TestGateway live = TestGateway.start(Files.createDirectories(work.resolve("live")))) {
            String url = live.gateway().httpUrl("127.0.0.1");
            for (Role role : List.of(Role.SERVICE, Role.USER)) {
                Path to = work.resolve(role.wire() + ".zip");
                CommandRun r = CommandRun.of("backup", "--to", to.toString(), "--url", url, "--token", live.token("ops", role));
                assertThat(r.code()).as(r.toString()).isNotZero();
                assertThat(r.err()).contains("403").contains("an admin token is needed");
                assertThat(to).doesNotExist();
                assertThat(to.resolveSibling(to.getFileName() + ".part")).doesNotExist();
            }
            Path admin = work.resolve("admin.zip");
            CommandRun ok = CommandRun.of("backup", "--to", admin.toString(), "--url", url, "--token", live.token("ops", Role.ADMIN));
            assertThat(ok.code()).as(ok.toString()).isZero();
            CommandRun again = CommandRun.of("backup", "--to", admin.toString(), "--url", url, "--token", live.token("ops", Role.ADMIN));
            assertThat(again.code()).isNotZero();
            assertThat(again.err()).contains("exists");
            assertThat(Files.getPosixFilePermissions(admin)).as("a backup holds every payload: owner only")
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE);
            CommandRun noFolder = CommandRun.of("backup", "--to", work.resolve("missing/b.zip").toString(), "--url", url,
                    "--token", live.token("ops", Role.ADMIN));
            assertThat(noFolder.code()).isNotZero();
            assertThat(noFolder.err()).contains("does not exist");
            assertThat(live.api(live.token("ops", Role.ADMIN)).get("/admin/audit").body()).contains("\"backup\"");
        }
    }
}
