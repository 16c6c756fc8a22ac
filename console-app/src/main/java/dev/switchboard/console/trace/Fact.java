package dev.switchboard.console.trace;

/** One labelled value in the header of a trace or timeline ({@code Type: doc.changed}). Immutable. */
public record Fact(String label, String value) {
}
