package dev.switchboard.console.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@value #KEPT} gateways the console connected to, most recent first, in
 * {@code recent-gateways.json} in the console's home. Tokens are stored only sealed.
 *
 * <p>Threads: small file reads and writes; the connect view model calls it from its background
 * tasks, never from the FX thread. Synchronised, so two tasks cannot interleave writes.
 */
public final class RecentGateways {
    static final int KEPT = 10;

    private final Path file;
    private final TokenVault vault;

    public RecentGateways(Path home, TokenVault vault) {
        this.file = home.resolve("recent-gateways.json");
        this.vault = vault;
    }

    public synchronized List<RecentGateway> list() {
        List<RecentGateway> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (JsonNode n : Json.parse(Files.readString(file))) {
                out.add(new RecentGateway(n.path("url").asText(), n.path("node").asText(""),
                        n.path("lastUsed").asLong(), n.hasNonNull("token") ? n.get("token").asText() : null));
            }
        } catch (IOException | RuntimeException e) {
            // a damaged file is not worth failing the start screen over: start a fresh list
        }
        return out;
    }

    /** Records a connection: moves {@code url} to the top, sealing {@code token} when it is to be remembered. */
    public synchronized void remember(String url, String node, String token, boolean rememberToken) {
        List<RecentGateway> list = list();
        list.removeIf(r -> r.url().equals(url));
        list.add(0, new RecentGateway(url, node, System.currentTimeMillis(),
                rememberToken && token != null && !token.isEmpty() ? vault.seal(token) : null));
        write(list.subList(0, Math.min(KEPT, list.size())));
    }

    /**
     * Records a connection made with a token the user did not choose to remember (given on the command
     * line): moves {@code url} to the top and keeps whatever token the user remembered for it before.
     */
    public synchronized void touch(String url, String node) {
        List<RecentGateway> list = list();
        String kept = list.stream().filter(r -> r.url().equals(url)).map(RecentGateway::sealedToken).findFirst().orElse(null);
        list.removeIf(r -> r.url().equals(url));
        list.add(0, new RecentGateway(url, node, System.currentTimeMillis(), kept));
        write(list.subList(0, Math.min(KEPT, list.size())));
    }

    /**
     * After the gateway refused the remembered token and the user gave a new one: seals the new one in
     * its place, but only when a token was remembered for {@code url}; a user who chose not to keep one
     * finds none kept now either. True when it was replaced.
     */
    public synchronized boolean renewToken(String url, String token) {
        List<RecentGateway> list = list();
        for (int i = 0; i < list.size(); i++) {
            RecentGateway r = list.get(i);
            if (r.url().equals(url) && r.hasToken()) {
                list.set(i, new RecentGateway(r.url(), r.node(), r.lastUsedMillis(), vault.seal(token)));
                write(list);
                return true;
            }
        }
        return false;
    }

    public synchronized void forget(String url) {
        List<RecentGateway> list = list();
        list.removeIf(r -> r.url().equals(url));
        write(list);
    }

    /** The remembered token of a recent gateway, or null. */
    public String token(RecentGateway r) {
        return r.hasToken() ? vault.open(r.sealedToken()) : null;
    }

    private void write(List<RecentGateway> list) {
        ArrayNode arr = Json.array();
        for (RecentGateway r : list) {
            ObjectNode n = arr.addObject();
            n.put("url", r.url());
            n.put("node", r.node());
            n.put("lastUsed", r.lastUsedMillis());
            if (r.hasToken()) {
                n.put("token", r.sealedToken());
            }
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save recent gateways to " + file, e);
        }
    }
}
