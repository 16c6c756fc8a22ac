package dev.switchboard.console.connect;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Turns what a user types in the start screen's address field into the gateway's HTTP base URL.
 * People type {@code gateway:8080} or just {@code gateway} as often as a full URL, and the HTTP
 * client below refuses anything without a scheme, so a bare host is taken as {@code http://} on the
 * gateway's default HTTP port.
 */
final class GatewayAddress {
    static final int DEFAULT_PORT = 8080;

    private GatewayAddress() {
    }

    /**
     * {@code http(s)://host[:port][/path]} without a trailing slash.
     *
     * @throws IllegalArgumentException with a sentence for the user when {@code typed} is no gateway address
     */
    static String normalize(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Type the gateway's address, for example http://gateway.example:8080.");
        }
        boolean schemeTyped = text.contains("://");
        String candidate = schemeTyped ? text : "http://" + text;
        URI uri;
        try {
            uri = new URI(candidate);
        } catch (URISyntaxException e) {
            throw notAnAddress(text);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("\"" + text + "\" is not an HTTP address: the console talks to the "
                    + "gateway's HTTP port, as http://host:8080 or https://host.");
        }
        if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw notAnAddress(text);
        }
        // an explicit scheme without a port means that scheme's own port; only a bare host gets the gateway's
        int port = uri.getPort() < 0 && !schemeTyped ? DEFAULT_PORT : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("/+$", "");
        return scheme + "://" + uri.getRawAuthority().replaceFirst(":\\d*$", "") + (port < 0 ? "" : ":" + port) + path;
    }

    private static IllegalArgumentException notAnAddress(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not a gateway address; type it as host:port "
                + "or http://host:port, for example http://gateway.example:8080.");
    }
}
