package dev.switchboard.bench;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The gateway jar as its own process, with the serve arguments of the other WebSocket benchmarks and its defaults otherwise (tracing on). */
final class SwitchboardPeer implements Peer {
    private final ServerProcess server;
    private final TokenIssuer issuer;
    private final String serviceToken;
    private final SwitchboardDialect dialect;

    SwitchboardPeer(String jar, String jvmOpts, List<String> extraArgs) throws Exception {
        String secret = FanoutBenchmark.randomSecret();
        List<String> args = ServerProcess.manyClientsArgs("127.0.0.1", secret);
        args.addAll(extraArgs);
        this.server = ServerProcess.start(jar, jvmOpts, args);
        this.issuer = new TokenIssuer(secret, Clock.systemUTC());
        this.serviceToken = issuer.issue("bench-publisher", Role.SERVICE, null, Duration.ofHours(4));
        this.dialect = new SwitchboardDialect(issuer);
    }

    @Override
    public String name() {
        return "Switchboard";
    }

    @Override
    public long pid() {
        return server.pid();
    }

    @Override
    public InetSocketAddress webSocket() {
        return new InetSocketAddress("127.0.0.1", server.wsPort);
    }

    @Override
    public PeerDialect dialect() {
        return dialect;
    }

    @Override
    public void admit(RoomPlan plan) throws Exception {
        List<Integer> users = new ArrayList<>();
        List<String> rooms = new ArrayList<>();
        for (int c = 0; c < plan.connections(); c++) {
            for (String room : plan.roomsOfConnection.get(c)) {
                users.add(c);
                rooms.add(SwitchboardDialect.room(room));
            }
        }
        AclGrants.grant(server.httpPort, serviceToken, 0, users.size(), rooms::get, i -> SwitchboardDialect.user(users.get(i)));
    }

    @Override
    public PublishPath publisher(int inFlight, int resources) {
        return new HttpPublishPath(server.httpPort, serviceToken, inFlight, resources);
    }

    @Override
    public boolean jvm() {
        return true;
    }

    @Override
    public String setup() {
        return "HTTP POST /api/events with a service token (201 = durable), user tokens and ACL grants, log "
                + server.dataDir.resolve("server.log");
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}
