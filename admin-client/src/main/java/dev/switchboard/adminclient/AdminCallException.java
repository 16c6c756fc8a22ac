package dev.switchboard.adminclient;

import java.util.concurrent.CompletionException;

/**
 * An admin call that failed: an answer other than 2xx with the gateway's error code and message
 * (PROTOCOL §3), or no answer at all (status 0, code {@code unreachable}). Named apart from the
 * server's {@code http.ApiException}, which is what the server throws to produce such an answer.
 */
public final class AdminCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public AdminCallException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /**
     * The failure behind a failed call, as a future's callback receives it (perhaps wrapped in a
     * {@link CompletionException}); anything else becomes one with status 0 and code {@code error}.
     */
    public static AdminCallException of(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return cause instanceof AdminCallException known ? known
                : new AdminCallException(0, "error", String.valueOf(cause.getMessage()));
    }

    /**
     * What went wrong as a clause a person reads after "Could not read the rooms: ": what it means
     * first, then the gateway's own words and the status in parentheses (support quotes them). For
     * example {@code the gateway did not answer (Connection refused)} or
     * {@code the gateway cannot do it now: the event log is unavailable (503)}.
     */
    public String describe() {
        String said = getMessage() == null || getMessage().isBlank() || "null".equals(getMessage()) ? "" : getMessage();
        if (code.equals("bad_answer")) {
            // the parser's words help nobody here; the address is what is wrong
            return "what answers there is not a Switchboard gateway's admin API" + (status == 0 ? "" : " (HTTP " + status + ")");
        }
        return switch (status) {
            case 0 -> code.equals("unreachable") ? "the gateway did not answer" + (said.isEmpty() ? "" : " (" + said + ")")
                    : said.isEmpty() ? "it failed in an unexpected way (" + code + ")" : said;
            case 401 -> "the gateway refused the admin token; it may have expired (401" + words(said) + ")";
            case 403 -> "this token is not allowed to do that (403" + words(said) + ")";
            case 404 -> (said.isEmpty() ? "not found" : said) + " (404)";
            case 413 -> "the request is larger than the gateway accepts (413" + words(said) + ")";
            case 422, 400 -> "the gateway refused it: " + (said.isEmpty() ? code : said) + " (" + status + ")";
            case 429 -> "the gateway is limiting this console's requests; try again in a moment (429)";
            case 503 -> "the gateway cannot do it now" + (said.isEmpty() ? "" : ": " + said) + " (503)";
            default -> status >= 500 ? "the gateway failed" + (said.isEmpty() ? "" : ": " + said) + " (" + status + ")"
                    : (said.isEmpty() ? code : said) + " (" + status + " " + code + ")";
        };
    }

    private static String words(String said) {
        return said.isEmpty() ? "" : ": " + said;
    }
}
