package dev.switchboard.console.rooms;

import javafx.scene.control.TreeItem;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the members tree's items from a {@link MembersTree}, again on every refresh, remembering
 * which users and devices the operator collapsed so a refresh does not undo it (everything starts
 * expanded). Threads: the JavaFX thread.
 */
final class MemberItems {
    private final Set<String> collapsed = new HashSet<>();

    TreeItem<MemberLine> root(MembersTree tree) {
        TreeItem<MemberLine> root = new TreeItem<>();
        root.setExpanded(true);
        if (tree != null) {
            add(root, tree.users(), null);
        }
        return root;
    }

    private void add(TreeItem<MemberLine> parent, List<MemberLine> lines, String parentKey) {
        for (MemberLine line : lines) {
            TreeItem<MemberLine> item = new TreeItem<>(line);
            parent.getChildren().add(item);
            if (!line.children().isEmpty()) {
                String key = line.key(parentKey);
                item.setExpanded(!collapsed.contains(key));
                item.expandedProperty().addListener((o, was, now) -> {
                    if (now) {
                        collapsed.remove(key);
                    } else {
                        collapsed.add(key);
                    }
                });
                add(item, line.children(), key);
            }
        }
    }
}
