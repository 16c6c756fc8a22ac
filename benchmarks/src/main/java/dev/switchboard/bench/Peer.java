package dev.switchboard.bench;

import java.net.InetSocketAddress;

/** A server of the side-by-side benchmark, running as its own process, and how the load reaches it. */
interface Peer extends AutoCloseable {
    String name();

    long pid();

    /** Where subscribers connect. */
    InetSocketAddress webSocket();

    PeerDialect dialect();

    /** Whatever must happen before the plan's subscribers may join (Switchboard grants the rooms). */
    default void admit(RoomPlan plan) throws Exception {
    }

    PublishPath publisher(int inFlight, int resources) throws Exception;

    /** Whether the server is a JVM, whose JIT and GC threads are worth reporting. */
    boolean jvm();

    /** What a reader must know about this peer's setup, for the notes column. */
    String setup();
}
