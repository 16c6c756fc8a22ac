package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Who is in which room and where each event goes, the same for every peer of a run: the rooms of each
 * subscriber connection, and the rooms of event {@code seq} as a pure function of {@code seq}, so that
 * publishers and the final check agree without sharing state.
 *
 * <p>An event for two rooms takes two rooms with no member in common: then every peer owes each member
 * exactly one frame, whether or not it folds a connection's rooms together.
 */
final class RoomPlan {
    final List<List<String>> roomsOfConnection;
    private final List<List<Integer>> members;
    private final List<String> rooms;
    private final int maxRoomsPerEvent;
    private final long seed;

    private RoomPlan(List<List<String>> roomsOfConnection, List<List<Integer>> members, List<String> rooms, int maxRoomsPerEvent,
                     long seed) {
        this.roomsOfConnection = roomsOfConnection;
        this.members = members;
        this.rooms = rooms;
        this.maxRoomsPerEvent = maxRoomsPerEvent;
        this.seed = seed;
    }

    /** Every connection in the one room "fan". */
    static RoomPlan oneRoom(int connections) {
        List<List<String>> of = new ArrayList<>();
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            of.add(List.of("fan"));
            all.add(i);
        }
        return new RoomPlan(of, List.of(all), List.of("fan"), 1, 0);
    }

    /**
     * {@code roomCount} rooms of {@code minMembers} to {@code maxMembers} members over {@code connections}
     * connections, each connection in at least one room (when the seats suffice); each event to one or two rooms.
     */
    static RoomPlan manyRooms(int connections, int roomCount, int minMembers, int maxMembers, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> names = new ArrayList<>();
        List<List<Integer>> members = new ArrayList<>();
        for (int r = 0; r < roomCount; r++) {
            names.add("r" + r);
            members.add(new ArrayList<>());
        }
        int[] sizes = new int[roomCount];
        for (int r = 0; r < roomCount; r++) {
            sizes[r] = random.nextInt(minMembers, maxMembers + 1);
        }
        List<Integer> shuffled = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            shuffled.add(i);
        }
        Collections.shuffle(shuffled, new Random(seed));
        int next = 0;
        // First every connection gets a seat, room after room; the seats left go to random connections.
        for (int r = 0; r < roomCount; r++) {
            while (members.get(r).size() < sizes[r]) {
                int c = next < connections ? shuffled.get(next++) : random.nextInt(connections);
                if (!members.get(r).contains(c)) {
                    members.get(r).add(c);
                }
            }
        }
        List<List<String>> of = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            of.add(new ArrayList<>());
        }
        for (int r = 0; r < roomCount; r++) {
            for (int c : members.get(r)) {
                of.get(c).add(names.get(r));
            }
        }
        return new RoomPlan(of, members, names, 2, seed);
    }

    int connections() {
        return roomsOfConnection.size();
    }

    int roomCount() {
        return rooms.size();
    }

    /** The rooms of event {@code seq}. */
    List<String> roomsOf(long seq) {
        int[] r = roomIndexes(seq);
        return r.length == 1 ? List.of(rooms.get(r[0])) : List.of(rooms.get(r[0]), rooms.get(r[1]));
    }

    private int[] roomIndexes(long seq) {
        if (rooms.size() == 1) {
            return new int[] {0};
        }
        SplittableRandom random = new SplittableRandom(seed * 31 + seq);
        int first = random.nextInt(rooms.size());
        if (maxRoomsPerEvent < 2 || random.nextBoolean()) {
            return new int[] {first};
        }
        for (int tries = 0; tries < 20; tries++) {
            int second = random.nextInt(rooms.size());
            if (second != first && Collections.disjoint(members.get(first), members.get(second))) {
                return new int[] {first, second};
            }
        }
        return new int[] {first};
    }

    /** How many of events [0, events) each connection is owed. */
    long[] owed(long events) {
        long[] owed = new long[connections()];
        for (long s = 0; s < events; s++) {
            for (int r : roomIndexes(s)) {
                for (int c : members.get(r)) {
                    owed[c]++;
                }
            }
        }
        return owed;
    }

    /** Deliveries owed for events [from, to). */
    long deliveries(long from, long to) {
        long n = 0;
        for (long s = from; s < to; s++) {
            for (int r : roomIndexes(s)) {
                n += members.get(r).size();
            }
        }
        return n;
    }
}
