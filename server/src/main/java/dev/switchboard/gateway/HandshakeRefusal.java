package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;
import org.java_websocket.handshake.HandshakeImpl1Server;

import java.nio.charset.StandardCharsets;

/**
 * A handshake the gateway turns down: answered with a plain HTTP error ({@code 401} for a missing or
 * bad token, {@code 503} while draining, ...) and a JSON body like the HTTP API's, instead of
 * {@code 101}. {@link GatewayDraft} writes it; the connection is then closed once it is flushed.
 */
final class HandshakeRefusal extends HandshakeImpl1Server {
    final int status;
    final String statusText;
    final String error;
    final String message;

    HandshakeRefusal(int status, String statusText, String error, String message) {
        this.status = status;
        this.statusText = statusText;
        this.error = error;
        this.message = message;
    }

    byte[] response() {
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("message", message);
        byte[] json = Json.write(body).getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + statusText + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + json.length + "\r\n"
                + (status == 401 ? "WWW-Authenticate: Bearer\r\n" : "")
                + (status == 503 ? "Retry-After: 1\r\n" : "")
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + json.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(json, 0, all, headBytes.length, json.length);
        return all;
    }

    @Override
    public String toString() {
        return status + " " + error + ": " + message;
    }
}
