package dev.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;

/**
 * Grants benchmark users their rooms through the ACL API, the way a backend would, before any of
 * them connects. A few requests in flight at once: thousands of grants one after the other would take
 * longer than the benchmark.
 */
final class AclGrants {
    private AclGrants() {
    }

    /** {@code PUT /api/acl/{roomOf(i)}/members/{userOf(i)}} for i in [from, to); each must answer 204. */
    static void grant(int httpPort, String serviceToken, int from, int to, IntFunction<String> roomOf,
                      IntFunction<String> userOf) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Semaphore inFlight = new Semaphore(8);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = from; i < to; i++) {
            HttpRequest put = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/acl/" + roomOf.apply(i)
                            + "/members/" + userOf.apply(i)))
                    .header("Authorization", "Bearer " + serviceToken)
                    .PUT(HttpRequest.BodyPublishers.noBody()).build();
            inFlight.acquire();
            answers.add(http.sendAsync(put, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> inFlight.release()));
        }
        for (CompletableFuture<HttpResponse<String>> a : answers) {
            HttpResponse<String> r = a.join();
            if (r.statusCode() != 204) {
                throw new IOException(r.request().uri() + " answered " + r.statusCode() + ": " + r.body());
            }
        }
    }
}
