package dev.switchboard.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * The client side of {@code switchboard backup}: asks a running gateway for a backup
 * ({@code POST /admin/backup}) and saves it. The bytes go to {@code FILE.part} first and are read
 * back through the zip's checksums; only a complete, readable backup is renamed to {@code FILE}, so
 * a file of that name is always one that can be restored.
 */
public final class BackupClient {
    /** What was saved: the file and the size of the event log in it. */
    public record Saved(Path file, long bytes, long logBytes) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public Saved save(URI gateway, String adminToken, Path target) throws BackupException, InterruptedException {
        if (Files.exists(target)) {
            throw new BackupException(target + " exists; a backup never overwrites a file, choose a new name");
        }
        Path folder = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new BackupException("the folder " + folder + " does not exist; create it first");
        }
        Path part = target.resolveSibling(target.getFileName() + ".part");
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/admin/backup"))
                .header("Authorization", "Bearer " + adminToken)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<InputStream> answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = answer.body()) {
                if (answer.statusCode() != 200) {
                    throw new BackupException("the gateway refused the backup: " + answer.statusCode() + " "
                            + reason(new String(body.readAllBytes(), StandardCharsets.UTF_8)));
                }
                try (OutputStream out = ownerOnly(part)) {
                    body.transferTo(out);
                }
            }
            long logBytes = BackupArchive.open(part).verify();
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            return new Saved(target, Files.size(target), logBytes);
        } catch (ConnectException e) {
            throw new BackupException("cannot connect to " + gateway + ": is the gateway running, and is --url its HTTP API?", e);
        } catch (IOException e) {
            throw new BackupException("no backup from " + gateway + ": " + e, e);
        } finally {
            OnlineBackup.deleteQuietly(part);
        }
    }

    /**
     * A new file only its owner may read: a backup holds every payload and the ACL. Where the file
     * system has no POSIX permissions the folder's own rules apply.
     */
    private static OutputStream ownerOnly(Path part) throws IOException {
        Files.deleteIfExists(part);
        if (part.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.newOutputStream(part);
    }

    /** The error body's code and message, or the body itself when it is not one. */
    private static String reason(String body) {
        try {
            JsonNode error = Json.parse(body);
            if (error != null && error.has("error")) {
                return error.path("error").asText() + ": " + error.path("message").asText();
            }
        } catch (JsonProcessingException ignored) {
            // Not the gateway's JSON error (a proxy's page, say): show it as it came.
        }
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
