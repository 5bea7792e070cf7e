package org.chainrule.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.chainrule.core.ChainruleException;

/**
 * One random change to a valid file, for fuzzing a file reader: the damaged bytes and a
 * description that a failure message can print, such as {@code splice 12 bytes from 40 of
 * other.ckpt over 7 of valid.ckpt [mutation seed 42]}. The same files, target and seed give
 * the same mutation on every machine. Immutable.
 *
 * <p>{@link FileMutations#of(SampleFile...)} draws mutations for a QuickTheories property;
 * {@link #random(List, int, long)} makes one directly.
 */
public final class Mutation {
    /** The kinds of change, each equally likely in {@link #random(List, int, long)}. */
    public enum Kind {
        /** One to four bytes replaced by other values. */
        FLIP_BYTES,
        /** One to four bits inverted. */
        FLIP_BITS,
        /** The file cut to a shorter length, possibly empty. */
        TRUNCATE,
        /** One to 64 random bytes added at the end. */
        APPEND,
        /** One to 64 random bytes inserted at a random place. */
        INSERT,
        /** A run of bytes of this file or another sample copied over another place of this file. */
        SPLICE_OVER,
        /** A run of bytes of this file or another sample inserted at a random place of this file. */
        SPLICE_INTO,
        /**
         * A 2-, 4- or 8-byte field at an aligned offset, big- or little-endian, overwritten with
         * a value typical of broken length fields: 0, -1, the type's extremes, or the file's
         * length or the bytes left after the field, give or take two.
         */
        LENGTH_FIELD
    }

    private static final int MAX_FLIPS = 4;
    private static final int MAX_RANDOM_BYTES = 64;
    private static final int MAX_SPLICE = 64;
    private static final int NEAR = 2;
    private static final int[] WIDTHS = {Short.BYTES, Integer.BYTES, Long.BYTES};

    private final Kind kind;
    private final String original;
    private final long seed;
    private final String description;
    private final byte[] bytes;
    /** Where the change starts in the result, and how many of its bytes it wrote; for this package's tests. */
    private final int at;
    private final int span;

    private Mutation(Kind kind, String original, long seed, String description, byte[] bytes, int at, int span) {
        this.kind = kind;
        this.original = original;
        this.seed = seed;
        this.description = description;
        this.bytes = bytes;
        this.at = at;
        this.span = span;
    }

    /**
     * A random mutation of one of the samples, of a random kind.
     *
     * @param samples the valid files; a splice may copy from any of them.
     * @param target the index of the sample to change.
     * @param seed decides everything; the same arguments give the same mutation.
     * @return the mutation.
     * @throws ChainruleException if {@code samples} is null or empty, or {@code target} is out of range.
     */
    public static Mutation random(List<SampleFile> samples, int target, long seed) {
        return random(samples, target, Kind.values()[new SplittableRandom(seed).nextInt(Kind.values().length)], seed);
    }

    /**
     * A random mutation of one of the samples, of a given kind.
     *
     * @param samples the valid files; a splice may copy from any of them.
     * @param target the index of the sample to change.
     * @param kind the kind of change.
     * @param seed decides the rest; the same arguments give the same mutation.
     * @return the mutation.
     * @throws ChainruleException if an argument is null, {@code samples} is empty, or
     *     {@code target} is out of range.
     */
    public static Mutation random(List<SampleFile> samples, int target, Kind kind, long seed) {
        ChainruleException.requireNonNull(samples, "mutation: samples");
        ChainruleException.requireNonNull(kind, "mutation: kind");
        if (target < 0 || target >= samples.size()) {
            throw new ChainruleException("mutation: target " + target + " is not one of the " + samples.size()
                    + " samples");
        }
        SampleFile file = ChainruleException.requireNonNull(samples.get(target), "mutation: sample " + target);
        SplittableRandom random = new SplittableRandom(seed);
        random.nextInt(Kind.values().length); // the draw random(samples, target, seed) used for the kind
        return switch (kind) {
            case FLIP_BYTES -> flipBytes(file, random, seed);
            case FLIP_BITS -> flipBits(file, random, seed);
            case TRUNCATE -> truncate(file, random, seed);
            case APPEND -> insert(file, random, seed, Kind.APPEND, file.length());
            case INSERT -> insert(file, random, seed, Kind.INSERT, random.nextInt(file.length()));
            case SPLICE_OVER, SPLICE_INTO -> splice(samples, file, kind, random, seed);
            case LENGTH_FIELD -> lengthField(file, random, seed);
        };
    }

    private static Mutation flipBytes(SampleFile file, SplittableRandom random, long seed) {
        byte[] out = file.bytes();
        TreeSet<Integer> places = places(out.length, random);
        for (int i : places) {
            out[i] = (byte) (out[i] ^ (1 + random.nextInt(255)));
        }
        return new Mutation(Kind.FLIP_BYTES, file.name(), seed, "set " + count(places.size(), "byte") + " of "
                + file.name() + " to other values, at " + joined(places), out, places.first(),
                places.last() - places.first() + 1);
    }

    private static Mutation flipBits(SampleFile file, SplittableRandom random, long seed) {
        byte[] out = file.bytes();
        TreeSet<Integer> places = places(out.length, random);
        StringBuilder which = new StringBuilder();
        for (int i : places) {
            int bit = random.nextInt(Byte.SIZE);
            out[i] = (byte) (out[i] ^ (1 << bit));
            which.append(which.length() == 0 ? "" : ", ").append("bit ").append(bit).append(" of byte ").append(i);
        }
        return new Mutation(Kind.FLIP_BITS, file.name(), seed, "flip " + count(places.size(), "bit") + " of "
                + file.name() + ": " + which, out, places.first(), places.last() - places.first() + 1);
    }

    /** One to four distinct positions in {@code 0..length-1}, in order. */
    private static TreeSet<Integer> places(int length, SplittableRandom random) {
        TreeSet<Integer> places = new TreeSet<>();
        for (int k = 1 + random.nextInt(Math.min(MAX_FLIPS, length)); places.size() < k; ) {
            places.add(random.nextInt(length));
        }
        return places;
    }

    private static Mutation truncate(SampleFile file, SplittableRandom random, long seed) {
        int length = random.nextInt(file.length());
        byte[] out = java.util.Arrays.copyOf(file.bytes(), length);
        return new Mutation(Kind.TRUNCATE, file.name(), seed, "truncate " + file.name() + " from " + file.length()
                + " to " + count(length, "byte"), out, length, 0);
    }

    private static Mutation insert(SampleFile file, SplittableRandom random, long seed, Kind kind, int at) {
        byte[] extra = new byte[1 + random.nextInt(MAX_RANDOM_BYTES)];
        random.nextBytes(extra);
        boolean append = kind == Kind.APPEND;
        return new Mutation(kind, file.name(), seed, append
                ? "append " + count(extra.length, "random byte") + " to " + file.name() + " (" + file.length()
                        + " bytes)"
                : "insert " + count(extra.length, "random byte") + " at " + at + " of " + file.name(),
                inserted(file.bytes(), at, extra), at, extra.length);
    }

    private static Mutation splice(List<SampleFile> samples, SampleFile file, Kind kind, SplittableRandom random,
                                   long seed) {
        SampleFile source = ChainruleException.requireNonNull(samples.get(random.nextInt(samples.size())),
                "mutation: a sample");
        boolean over = kind == Kind.SPLICE_OVER;
        int limit = Math.min(MAX_SPLICE, over ? Math.min(source.length(), file.length()) : source.length());
        int run = 1 + random.nextInt(limit);
        int from = random.nextInt(source.length() - run + 1);
        int to = random.nextInt((over ? file.length() - run : file.length()) + 1);
        byte[] piece = java.util.Arrays.copyOfRange(source.bytes(), from, from + run);
        byte[] out;
        if (over) {
            out = file.bytes();
            System.arraycopy(piece, 0, out, to, run);
        } else {
            out = inserted(file.bytes(), to, piece);
        }
        return new Mutation(kind, file.name(), seed, "splice " + count(run, "byte") + " from " + from + " of "
                + source.name() + (over ? " over " : " into ") + to + " of " + file.name(), out, to, run);
    }

    private static Mutation lengthField(SampleFile file, SplittableRandom random, long seed) {
        int width = WIDTHS[random.nextInt(WIDTHS.length)];
        while (width > file.length()) {
            width /= 2;
        }
        int alignment = Math.min(width, Integer.BYTES);
        int at = alignment * random.nextInt((file.length() - width) / alignment + 1);
        ByteOrder order = random.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        long near = random.nextInt(2 * NEAR + 1) - NEAR;
        String[] names = {"0", "-1", "the largest value", "the smallest value", "the file's length",
            "the bytes after the field"};
        int choice = random.nextInt(names.length);
        long value = switch (choice) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> width == Long.BYTES ? Long.MAX_VALUE : (1L << (Byte.SIZE * width - 1)) - 1;
            case 3 -> width == Long.BYTES ? Long.MIN_VALUE : -(1L << (Byte.SIZE * width - 1));
            case 4 -> file.length() + near;
            default -> file.length() - at - width + near;
        };
        String name = names[choice] + (choice < 4 ? "" : (near == 0 ? "" : near > 0 ? " + " + near : " - " + -near)
                + " (" + value + ")");
        byte[] out = file.bytes();
        ByteBuffer buffer = ByteBuffer.wrap(out).order(order);
        switch (width) {
            case Long.BYTES -> buffer.putLong(at, value);
            case Integer.BYTES -> buffer.putInt(at, (int) value);
            case Short.BYTES -> buffer.putShort(at, (short) value);
            default -> buffer.put(at, (byte) value);
        }
        return new Mutation(Kind.LENGTH_FIELD, file.name(), seed, "overwrite " + count(width, "byte") + " at " + at
                + " of " + file.name() + " with " + name + ", " + (order == ByteOrder.BIG_ENDIAN ? "big" : "little")
                + "-endian", out, at, width);
    }

    private static byte[] inserted(byte[] bytes, int at, byte[] extra) {
        byte[] out = new byte[bytes.length + extra.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(bytes, at, out, at + extra.length, bytes.length - at);
        return out;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static String joined(Iterable<Integer> numbers) {
        StringBuilder sb = new StringBuilder();
        for (int n : numbers) {
            sb.append(sb.length() == 0 ? "" : ", ").append(n);
        }
        return sb.toString();
    }

    /**
     * This mutation followed by a fix-up, for formats whose checksum or length field would
     * otherwise refuse nearly every mutation before the rest of the reader runs: for example
     * a checksum recomputed over the damaged bytes, so that the reader's structural checks
     * are what refuses them.
     *
     * @param what the fix-up, for the description (e.g. {@code "CRC32 recomputed"}).
     * @param fix computes the fixed bytes from the mutated ones; may change its argument.
     * @return the mutation with the fixed bytes, described as this one {@code "then"} {@code what}.
     * @throws ChainruleException if an argument or the fix's result is null.
     */
    public Mutation then(String what, UnaryOperator<byte[]> fix) {
        ChainruleException.requireNonNull(what, "mutation: what the fix does");
        ChainruleException.requireNonNull(fix, "mutation: fix");
        byte[] fixed = ChainruleException.requireNonNull(fix.apply(bytes.clone()), "mutation: the fix's result");
        return new Mutation(kind, original, seed, description + ", then " + what, fixed, at, span);
    }

    /**
     * The kind of change.
     *
     * @return the kind.
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The name of the sample that was changed.
     *
     * @return the sample's name.
     */
    public String original() {
        return original;
    }

    /**
     * The seed that made this mutation.
     *
     * @return the seed.
     */
    public long seed() {
        return seed;
    }

    /**
     * What was done, without the seed, e.g. {@code truncate valid.ckpt from 300 to 120 bytes}.
     *
     * @return the description.
     */
    public String description() {
        return description;
    }

    /**
     * The damaged file's contents.
     *
     * @return a copy of the bytes.
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Writes the damaged file.
     *
     * @param path the file to write (replaced if it exists).
     * @return {@code path}.
     * @throws UncheckedIOException if writing fails.
     */
    public Path writeTo(Path path) {
        try {
            return Files.write(ChainruleException.requireNonNull(path, "mutation: path"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int at() {
        return at;
    }

    int span() {
        return span;
    }

    /** The description and the seed, for failure messages. */
    @Override
    public String toString() {
        return description + " [mutation seed " + seed + "]";
    }
}
