package org.chainrule.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chainrule.core.ChainruleException;
import org.chainrule.testing.Mutation.Kind;
import org.junit.jupiter.api.Test;

/**
 * Every kind of mutation happens, does what its name says to the bytes, and is the same for
 * the same seed; the generator draws every kind and every sample.
 */
class FileMutationsTest {
    private static final SampleFile VALID = new SampleFile("valid.bin", ramp(100, 0));
    private static final SampleFile OTHER = new SampleFile("other.bin", ramp(40, 200));
    private static final List<SampleFile> SAMPLES = List.of(VALID, OTHER);

    /** Bytes start, start + 1, ... (mod 256): every run is recognisable. */
    private static byte[] ramp(int length, int start) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (start + i);
        }
        return bytes;
    }

    private static int differences(byte[] a, byte[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] != b[i] ? 1 : 0;
        }
        return n;
    }

    private static int bitDifferences(byte[] a, byte[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += Integer.bitCount((a[i] ^ b[i]) & 0xff);
        }
        return n;
    }

    /** Whether {@code run} occurs in {@code bytes} at {@code at}, and in one of the samples. */
    private static boolean splicedRun(byte[] bytes, int at, int length) {
        byte[] run = Arrays.copyOfRange(bytes, at, at + length);
        for (SampleFile s : SAMPLES) {
            byte[] source = s.bytes();
            for (int from = 0; from + length <= source.length; from++) {
                if (Arrays.equals(source, from, from + length, run, 0, length)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void eachKindChangesTheBytesAsItsNameSays() {
        byte[] valid = VALID.bytes();
        for (Kind kind : Kind.values()) {
            for (long seed = 0; seed < 300; seed++) {
                Mutation m = Mutation.random(SAMPLES, 0, kind, seed);
                byte[] out = m.bytes();
                String what = kind + " " + m;
                assertEquals(kind, m.kind(), what);
                assertEquals("valid.bin", m.original(), what);
                switch (kind) {
                    case FLIP_BYTES -> {
                        assertEquals(valid.length, out.length, what);
                        int changed = differences(valid, out);
                        assertTrue(changed >= 1 && changed <= 4, what);
                    }
                    case FLIP_BITS -> {
                        assertEquals(valid.length, out.length, what);
                        int bits = bitDifferences(valid, out);
                        assertTrue(bits >= 1 && bits <= 4 && bits == differences(valid, out), what);
                    }
                    case TRUNCATE -> {
                        assertTrue(out.length < valid.length, what);
                        assertArrayEquals(Arrays.copyOf(valid, out.length), out, what);
                    }
                    case APPEND -> {
                        assertTrue(out.length > valid.length && out.length <= valid.length + 64, what);
                        assertArrayEquals(valid, Arrays.copyOf(out, valid.length), what);
                    }
                    case INSERT, SPLICE_INTO -> {
                        int at = m.at();
                        int added = out.length - valid.length;
                        assertTrue(added >= 1 && added <= 64 && added == m.span(), what);
                        assertTrue(kind == Kind.SPLICE_INTO ? at <= valid.length : at < valid.length, what);
                        assertArrayEquals(Arrays.copyOf(valid, at), Arrays.copyOf(out, at), what);
                        assertArrayEquals(Arrays.copyOfRange(valid, at, valid.length),
                                Arrays.copyOfRange(out, at + added, out.length), what);
                        if (kind == Kind.SPLICE_INTO) {
                            assertTrue(splicedRun(out, at, added), what);
                        }
                    }
                    case SPLICE_OVER -> {
                        assertEquals(valid.length, out.length, what);
                        int at = m.at();
                        assertTrue(splicedRun(out, at, m.span()), what);
                        assertArrayEquals(Arrays.copyOf(valid, at), Arrays.copyOf(out, at), what);
                        assertArrayEquals(Arrays.copyOfRange(valid, at + m.span(), valid.length),
                                Arrays.copyOfRange(out, at + m.span(), out.length), what);
                    }
                    case LENGTH_FIELD -> {
                        assertEquals(valid.length, out.length, what);
                        int at = m.at();
                        int width = m.span();
                        assertTrue(Set.of(2, 4, 8).contains(width) && at % Math.min(width, 4) == 0, what);
                        assertArrayEquals(Arrays.copyOf(valid, at), Arrays.copyOf(out, at), what);
                        assertArrayEquals(Arrays.copyOfRange(valid, at + width, valid.length),
                                Arrays.copyOfRange(out, at + width, out.length), what);
                    }
                    default -> throw new AssertionError("untested kind " + kind);
                }
            }
        }
    }

    @Test
    void aLengthFieldGetsEachExtremeValueInEitherByteOrder() {
        Set<String> seen = new java.util.TreeSet<>();
        for (long seed = 0; seed < 3000; seed++) {
            Mutation m = Mutation.random(SAMPLES, 0, Kind.LENGTH_FIELD, seed);
            if (m.span() == Long.BYTES) {
                boolean big = m.description().endsWith("big-endian");
                long value = ByteBuffer.wrap(m.bytes()).order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                        .getLong(m.at());
                long after = 100 - m.at() - Long.BYTES;
                String name = value == 0 || value == -1 || value == Long.MAX_VALUE || value == Long.MIN_VALUE
                        ? Long.toString(value) : Math.abs(value - 100) <= 2 ? "length" : Math.abs(value - after) <= 2
                        ? "after" : "other " + value;
                seen.add(name + (big ? " big" : " little"));
            }
        }
        assertEquals(new java.util.TreeSet<>(List.of("0 big", "0 little", "-1 big", "-1 little",
                Long.MAX_VALUE + " big", Long.MAX_VALUE + " little", Long.MIN_VALUE + " big",
                Long.MIN_VALUE + " little", "length big", "length little", "after big", "after little")), seen);
    }

    @Test
    void theSameSeedGivesTheSameMutationAndOthersDiffer() {
        Set<String> descriptions = new java.util.HashSet<>();
        for (long seed = -50; seed < 50; seed++) {
            Mutation a = Mutation.random(SAMPLES, 0, seed);
            Mutation b = Mutation.random(List.of(new SampleFile("valid.bin", ramp(100, 0)), OTHER), 0, seed);
            assertEquals(a.toString(), b.toString());
            assertArrayEquals(a.bytes(), b.bytes(), a.toString());
            assertTrue(a.toString().endsWith("[mutation seed " + seed + "]"), a.toString());
            descriptions.add(Arrays.toString(a.bytes()));
        }
        assertTrue(descriptions.size() > 90, "100 seeds gave only " + descriptions.size() + " different mutations");
    }

    @Test
    void descriptionsSayWhatWasDone() {
        Map<Kind, String> first = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            first.put(kind, Mutation.random(SAMPLES, 0, kind, 7).description());
        }
        assertTrue(first.get(Kind.FLIP_BYTES).matches("set \\d bytes? of valid.bin to other values, at [0-9, ]+"),
                first.toString());
        assertTrue(first.get(Kind.FLIP_BITS).matches("flip \\d bits? of valid.bin: bit \\d of byte \\d+.*"),
                first.toString());
        assertTrue(first.get(Kind.TRUNCATE).matches("truncate valid.bin from 100 to \\d+ bytes?"), first.toString());
        assertTrue(first.get(Kind.APPEND).matches("append \\d+ random bytes? to valid.bin \\(100 bytes\\)"),
                first.toString());
        assertTrue(first.get(Kind.INSERT).matches("insert \\d+ random bytes? at \\d+ of valid.bin"), first.toString());
        assertTrue(first.get(Kind.SPLICE_OVER).matches("splice \\d+ bytes? from \\d+ of (valid|other).bin over \\d+"
                + " of valid.bin"), first.toString());
        assertTrue(first.get(Kind.SPLICE_INTO).matches("splice \\d+ bytes? from \\d+ of (valid|other).bin into \\d+"
                + " of valid.bin"), first.toString());
        assertTrue(first.get(Kind.LENGTH_FIELD).matches("overwrite [248] bytes at \\d+ of valid.bin with .*, (big|little)"
                + "-endian"), first.toString());
    }

    @Test
    void theGeneratorDrawsEveryKindFromEverySampleAndSplicesAcrossThem() {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        Set<String> originals = new java.util.HashSet<>();
        List<String> crossSplices = new ArrayList<>();
        Theories.qt(400).forAll(FileMutations.of(VALID, OTHER)).checkAssert(m -> {
            kinds.add(m.kind());
            originals.add(m.original());
            if (m.description().matches("splice .* of other.bin (over|into) .* of valid.bin")) {
                crossSplices.add(m.description());
            }
        });
        assertEquals(EnumSet.allOf(Kind.class), kinds);
        assertEquals(Set.of("valid.bin", "other.bin"), originals);
        assertTrue(crossSplices.size() > 5, crossSplices.toString());
    }

    @Test
    void aFixUpRunsAfterTheMutationAndJoinsItsDescription() {
        Mutation m = Mutation.random(SAMPLES, 1, Kind.FLIP_BYTES, 3);
        byte[] before = m.bytes();
        Mutation fixed = m.then("first byte zeroed", b -> {
            b[0] = 0;
            return b;
        });
        assertEquals(m.description() + ", then first byte zeroed", fixed.description());
        assertEquals(0, fixed.bytes()[0]);
        assertArrayEquals(Arrays.copyOfRange(m.bytes(), 1, 40), Arrays.copyOfRange(fixed.bytes(), 1, 40));
        assertArrayEquals(before, m.bytes(), "the fix-up works on a copy");
    }

    @Test
    void badArgumentsAreRefusedWithAMessage() {
        assertThrows(ChainruleException.class, () -> new SampleFile("empty", new byte[0]));
        assertThrows(ChainruleException.class, () -> Mutation.random(SAMPLES, 2, 1));
        assertThrows(ChainruleException.class, () -> FileMutations.of(List.of()));
    }

    @Test
    void theFixUpsRecomputeATrailingCrc32AndALengthField() {
        byte[] bytes = ramp(30, 0);
        FileMutations.lengthField(4, 10).apply(bytes);
        assertEquals(20, ByteBuffer.wrap(bytes).getLong(4));
        FileMutations.trailingCrc32().apply(bytes);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 0, 26);
        assertEquals((int) crc.getValue(), ByteBuffer.wrap(bytes).getInt(26));
        assertArrayEquals(new byte[] {1, 2, 3}, FileMutations.lengthField(0, 0).apply(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, FileMutations.trailingCrc32().apply(new byte[] {1, 2, 3, 4}));
    }
}
