package dev.switchboard.console.overview;

import dev.switchboard.auth.Role;
import dev.switchboard.console.link.AdminLink;
import dev.switchboard.console.link.LinkState;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.testing.FxPage;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.console.ui.UiThread;
import dev.switchboard.testing.PostgresSchema;
import dev.switchboard.testing.TestCluster;
import dev.switchboard.testing.TestGateway;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Overview of a node of a real two-node cluster (shared PostgreSQL): the cluster card lists both
 * nodes with their state and connections, and shows a node that stops as stopped. It also renders the
 * page to {@code overview-cluster.png} in {@code screenshots.dir} (target/screenshots unless given).
 */
@ExtendWith(ApplicationExtension.class)
class ClusterCardFxTest {
    @RegisterExtension
    final PostgresSchema pg = new PostgresSchema();

    private Stage stage;
    private TestCluster cluster;
    private ConsoleContext ctx;
    private Page page;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void stop() {
        if (page != null) {
            FxPage.run(page::dispose);
        }
        if (ctx != null) {
            ctx.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private void showOverviewOf(TestGateway node, Path home) throws Exception {
        AdminLink link = AdminLink.open("http://127.0.0.1:" + node.gateway().httpPort(), node.token("ops", Role.ADMIN),
                AdminLink.defaultHttp(), (s, d) -> {
                }).get(10, TimeUnit.SECONDS);
        LiveGateway.await("the admin stream to connect", () -> link.state() == LinkState.CONNECTED);
        ctx = new ConsoleContext(link, UiThread.fx(), TestGateway.SECRET, home);
        page = FxPage.read(() -> OverviewPage.spec().factory().apply(ctx));
        FxPage.run(() -> FxPage.show(stage, page));
    }

    @SuppressWarnings("unchecked")
    private List<ClusterNodes.Row> rows() {
        return FxPage.read(() -> {
            Node table = stage.getScene().lookup("#nodesTable");
            return table == null || table.getScene() == null ? List.of() : List.copyOf(((TableView<ClusterNodes.Row>) table).getItems());
        });
    }

    private static String state(List<ClusterNodes.Row> rows, String node) {
        return rows.stream().filter(r -> r.node().equals(node)).map(ClusterNodes.Row::state).findFirst().orElse("absent");
    }

    @Test
    void listsEveryNodeAndANodeThatStops(@TempDir Path dir) throws Exception {
        cluster = TestCluster.start(pg, dir, 2, Map.of());
        cluster.connect(1, "ann", "phone");
        cluster.connect(1, "ben", "laptop");
        showOverviewOf(cluster.node(0), Files.createDirectories(dir.resolve("home")));

        FxPage.await("both nodes listed, ready", () -> {
            List<ClusterNodes.Row> rows = rows();
            return state(rows, "node-a").equals("Ready") && state(rows, "node-b").equals("Ready");
        });
        List<ClusterNodes.Row> rows = rows();
        assertThat(rows.stream().filter(ClusterNodes.Row::self).map(ClusterNodes.Row::node)).containsExactly("node-a");
        FxPage.await("node-b's two connections", () -> rows().stream()
                .anyMatch(r -> r.node().equals("node-b") && r.connections() == 2));
        assertThat(FxPage.read(() -> ((Label) stage.getScene().lookup("#clusterSummaryLabel")).getText()))
                .isEqualTo("2 nodes: 2 ready");
        screenshot();

        cluster.node(1).close();
        FxPage.await("node-b shown stopped", () -> state(rows(), "node-b").equals("Stopped"));
        assertThat(FxPage.read(() -> ((Label) stage.getScene().lookup("#clusterSummaryLabel")).getText()))
                .isEqualTo("2 nodes: 1 ready, 1 stopped");
    }

    private void screenshot() throws IOException {
        String dir = System.getProperty("screenshots.dir");
        if (dir == null) {
            return;
        }
        FxPage.run(() -> {
            stage.setWidth(1440);
            stage.setHeight(900);
        });
        var image = FxPage.read(() -> SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null));
        Path out = Files.createDirectories(Path.of(dir));
        ImageIO.write(image, "png", out.resolve("overview-cluster.png").toFile());
    }
}
