package dev.switchboard.console.overview;

/** How a figure of the node card should be coloured: good (ready, healthy), a warning (draining), bad, or plain. */
enum Tone {
    NEUTRAL(""),
    GOOD("state-ok"),
    WARNING("state-degraded"),
    BAD("state-bad");

    private final String styleClass;

    Tone(String styleClass) {
        this.styleClass = styleClass;
    }

    /** The console.css class that colours it ("" for none). */
    String styleClass() {
        return styleClass;
    }
}
