package dev.switchboard.console.rooms;

import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.util.Callback;

import java.util.function.Function;

/**
 * A members tree cell showing one text of its line ({@code line -> line.appVersion()}); with a
 * style class ({@code number}, {@code mono}) when given. Threads: the JavaFX thread.
 */
final class MemberCell extends TreeTableCell<MemberLine, MemberLine> {
    private final Function<MemberLine, String> text;

    private MemberCell(Function<MemberLine, String> text, String styleClass) {
        this.text = text;
        if (styleClass != null) {
            getStyleClass().add(styleClass);
        }
    }

    static Callback<TreeTableColumn<MemberLine, MemberLine>, TreeTableCell<MemberLine, MemberLine>> of(
            Function<MemberLine, String> text, String styleClass) {
        return column -> new MemberCell(text, styleClass);
    }

    @Override
    protected void updateItem(MemberLine line, boolean empty) {
        super.updateItem(line, empty);
        setText(empty || line == null ? null : text.apply(line));
    }
}
