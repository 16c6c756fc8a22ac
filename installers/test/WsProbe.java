import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The install test's client (installers/test-install.sh), a single-file program on the JDK alone:
 * trusts only the test CA, opens wss://.../ws with a service token, joins ROOM, publishes EVENT_ID
 * to it over https and waits for the event frame. Prints the frame and exits 0, or exits 1 after 20 s.
 * With --await-drain it then stays connected until the gateway drains: a draining frame, then a close
 * with 1012 (node restart); it exits 0 only when both came, within 60 s.
 * Usage: java WsProbe.java HTTP_URL WS_URL TOKEN ROOM EVENT_ID CA_PEM [--await-drain]
 */
public class WsProbe {
    public static void main(String[] a) throws Exception {
        String http = a[0], ws = a[1], token = a[2], room = a[3], id = a[4];
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(Path.of(a[5])))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();

        CompletableFuture<Void> joined = new CompletableFuture<>();
        CompletableFuture<String> event = new CompletableFuture<>();
        CompletableFuture<String> draining = new CompletableFuture<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket = client.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(ws), new WebSocket.Listener() {
                    final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket s, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            String frame = text.toString();
                            text.setLength(0);
                            if (frame.contains("\"op\":\"joined\"")) {
                                joined.complete(null);
                            } else if (frame.contains("\"op\":\"event\"") && frame.contains(id)) {
                                event.complete(frame);
                            } else if (frame.contains("\"op\":\"draining\"")) {
                                draining.complete(frame);
                            }
                        }
                        s.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket s, int status, String reason) {
                        closed.complete(status);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"op\":\"join\",\"ref\":\"j1\",\"room\":\"" + room + "\"}", true);
        joined.get(10, TimeUnit.SECONDS);
        String body = "{\"id\":\"" + id + "\",\"type\":\"install.test\",\"resourceId\":\"install:1\",\"rooms\":[\""
                + room + "\"],\"actorId\":\"installer\",\"payload\":{\"ok\":true}}";
        HttpResponse<String> published = client.send(HttpRequest.newBuilder(URI.create(http + "/api/events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("published: " + published.statusCode() + " " + published.body());
        if (published.statusCode() / 100 != 2) {
            System.exit(1);
        }
        System.out.println("received: " + event.get(20, TimeUnit.SECONDS));
        System.out.flush();
        if (a.length > 6 && a[6].equals("--await-drain")) {
            System.out.println("draining: " + draining.get(60, TimeUnit.SECONDS));
            int status = closed.get(60, TimeUnit.SECONDS);
            System.out.println("closed: " + status);
            System.exit(status == 1012 ? 0 : 1);
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        System.exit(0);
    }
}
