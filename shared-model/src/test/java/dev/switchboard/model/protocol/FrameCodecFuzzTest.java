package dev.switchboard.model.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import org.assertj.core.api.Assertions;

/**
 * Feeds the client-frame decoder what a broken or hostile client could send: valid frames mutated
 * byte by byte, truncated, spliced, deeply nested, with huge and non-finite numbers, odd Unicode and
 * duplicated keys. Whatever comes in, the decoder either returns a frame or throws
 * {@link FrameDecodeException} (which the gateway turns into an {@code error} frame); and a frame it
 * accepts encodes back into text that decodes to the same frame, so what the gateway fans out is what
 * it checked.
 *
 * <p>The suite runs a fixed seed. A longer run, with a seed of its own, is a command (not part of the suite):
 * {@code mvn -B -pl shared-model verify -Dtest=FrameCodecFuzzTest -Dfuzz.iterations=2000000 -Dfuzz.seed=random}
 * and prints the seed it used, so a failure can be replayed with {@code -Dfuzz.seed=<seed>}.
 */
class FrameCodecFuzzTest {
    private static final List<String> SEEDS = List.of(
            "{\"op\":\"join\",\"ref\":1,\"room\":\"document:7\"}",
            "{\"op\":\"join\",\"ref\":\"r-2\",\"room\":\"document:7\",\"after\":{\"epoch\":\"e-1\",\"offset\":118}}",
            "{\"op\":\"leave\",\"ref\":3,\"room\":\"wallet:9\"}",
            "{\"op\":\"ack\",\"room\":\"document:7\",\"offset\":120}",
            "{\"op\":\"presence\",\"room\":\"document:7\",\"state\":{\"typing\":true,\"cursor\":{\"x\":1.5,\"y\":-2}}}",
            "{\"op\":\"ping\",\"ref\":\"p\"}");
    private static final String[] SPLICES = {
            "1e999", "-1e999", "NaN", "Infinity", "1e-999", "9223372036854775808", "-0", "0.0000001",
            "null", "true", "[]", "{}", "\"\"", "\"\\u0000\"", "\"\\ud800\"", "\"ünï\"", "\"a\\\"b\"",
            "\"op\"", "\"ref\"", "\"room\"", "\"offset\"", "\"state\"", "\"after\"", ",", ":", "{", "}", "[", "]",
            "\"user:alice\"", "\"bob:evil\"", "\"auth0|123\"", "\"document:" + "x".repeat(200) + "\"",
            "[".repeat(70) + "]".repeat(70), "{\"a\":".repeat(70) + "1" + "}".repeat(70),
            "\"op\":\"join\",\"op\":\"ack\"", "\"" + "z".repeat(5000) + "\"", "\t\n ", "//", "/*", "'x'",
    };

    @Test
    void decoderOnlyAcceptsOrRefusesAndWhatItAcceptsRoundTrips() {
        long seed = seed();
        int iterations = Integer.getInteger("fuzz.iterations", 30_000);
        Random random = new Random(seed);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < iterations; i++) {
            String input = mutate(random);
            ClientFrame frame;
            try {
                frame = FrameCodec.decodeClient(input);
            } catch (FrameDecodeException e) {
                assertThat(e.code()).as("error code for %s (seed %d, case %d)", input, seed, i).isNotNull();
                assertThat(e.getMessage()).as("message for %s", input).isNotBlank();
                refused++;
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("decoder threw " + e + " for input " + abbreviate(input)
                        + " (seed " + seed + ", case " + i + ")", e);
            }
            String encoded = FrameCodec.encode(frame);
            try {
                assertThat(FrameCodec.decodeClient(encoded)).as("round trip of %s (seed %d, case %d)",
                        abbreviate(input), seed, i).isEqualTo(frame);
            } catch (FrameDecodeException e) {
                throw new AssertionError("accepted " + abbreviate(input) + " but its encoding " + abbreviate(encoded)
                        + " is refused: " + e.getMessage() + " (seed " + seed + ", case " + i + ")");
            }
            accepted++;
        }
        System.out.printf("frame codec fuzz: seed %d, %d cases, %d accepted, %d refused%n", seed, iterations,
                accepted, refused);
        // Both sides of the decoder were exercised, or the mutator has gone blind.
        assertThat(accepted).isGreaterThan(iterations / 50);
        assertThat(refused).isGreaterThan(iterations / 2);
    }

    @Test
    void nonFiniteNumbersInPresenceAreRefusedNotTurnedIntoStrings() {
        for (String n : List.of("1e999", "-1e999")) {
            String frame = "{\"op\":\"presence\",\"room\":\"document:7\",\"state\":{\"x\":" + n + "}}";
            Assertions.assertThatThrownBy(() -> FrameCodec.decodeClient(frame))
                    .isInstanceOf(FrameDecodeException.class)
                    .hasMessageContaining("state.x");
        }
    }

    private static long seed() {
        String s = System.getProperty("fuzz.seed", "20261203");
        return s.equals("random") ? new Random().nextLong() : Long.parseLong(s);
    }

    /** One input: a seed frame with one to four mutations. */
    static String mutate(Random random) {
        StringBuilder s = new StringBuilder(SEEDS.get(random.nextInt(SEEDS.size())));
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && s.length() > 0; m++) {
            int at = random.nextInt(s.length() + 1);
            switch (random.nextInt(7)) {
                case 0 -> s.insert(at, SPLICES[random.nextInt(SPLICES.length)]);
                case 1 -> { // replace a value-sized run with a splice
                    int end = Math.min(s.length(), at + 1 + random.nextInt(12));
                    s.replace(Math.min(at, end), end, SPLICES[random.nextInt(SPLICES.length)]);
                }
                case 2 -> s.setLength(at); // truncation, as a cut connection leaves it
                case 3 -> { // one character flipped to anything, surrogates included
                    if (at < s.length()) {
                        s.setCharAt(at, (char) random.nextInt(0x10000));
                    }
                }
                case 4 -> { // ASCII neighbour: keeps the text almost valid, which finds more corners
                    if (at < s.length()) {
                        s.setCharAt(at, (char) (32 + random.nextInt(95)));
                    }
                }
                case 5 -> { // a digit run grows: large offsets and refs
                    s.insert(at, Long.toString(random.nextLong()));
                }
                default -> { // a piece of another seed spliced in
                    String other = SEEDS.get(random.nextInt(SEEDS.size()));
                    int from = random.nextInt(other.length());
                    s.insert(at, other, from, Math.min(other.length(), from + 1 + random.nextInt(20)));
                }
            }
        }
        return s.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "...(" + s.length() + " chars)" : s;
    }
}
