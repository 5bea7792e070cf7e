package org.chainrule.testing;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import org.chainrule.core.ChainruleException;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * QuickTheories generators of damaged files, for fuzzing a file reader: each value is a
 * {@link Mutation} of one of a few valid sample files — bytes or bits flipped, the file cut
 * short or extended, a run of bytes spliced in from elsewhere, a length-like field
 * overwritten with an extreme value — that prints what was done and its seed.
 *
 * <pre>{@code
 * Theories.qt(300).forAll(FileMutations.of(SampleFile.of(valid))).checkAssert(m -> {
 *     Path file = m.writeTo(dir.resolve("damaged"));
 *     try {
 *         MyReader.read(file);                  // may succeed: then check what it read
 *     } catch (MyFormatException e) {           // the only exception it documents
 *         assertFalse(e.getMessage().contains("\n"), m + ": " + e.getMessage());
 *     }
 * });
 * }</pre>
 *
 * <p>A format with a checksum refuses nearly every mutation at the checksum, before the rest
 * of its reader runs. {@link Mutation#then} with the fix-ups here ({@link #trailingCrc32()},
 * {@link #lengthField(int, int)}) makes a damaged file's checksum and length agree with its
 * bytes again, so that the structural checks behind them are fuzzed too.
 */
public final class FileMutations {
    private FileMutations() {
    }

    /**
     * Mutations of the given samples, each sample equally likely to be the one changed.
     *
     * @param samples the valid files, at least one.
     * @return the generator.
     * @throws ChainruleException if {@code samples} is null or empty or holds a null.
     */
    public static Gen<Mutation> of(SampleFile... samples) {
        ChainruleException.requireNonNull(samples, "file mutations: samples");
        return of(List.of(samples));
    }

    /**
     * Mutations of the given samples, each sample equally likely to be the one changed.
     *
     * @param samples the valid files, at least one. Not modified.
     * @return the generator.
     * @throws ChainruleException if {@code samples} is null or empty or holds a null.
     */
    public static Gen<Mutation> of(List<SampleFile> samples) {
        ChainruleException.requireNonNull(samples, "file mutations: samples");
        List<SampleFile> files = List.copyOf(samples);
        if (files.isEmpty()) {
            throw new ChainruleException("file mutations: no sample files to mutate");
        }
        Gen<Mutation> gen = in -> {
            int target = (int) in.next(Constraint.between(0, files.size() - 1));
            return Mutation.random(files, target, in.next(Constraint.none()));
        };
        return gen.describedAs(Mutation::toString);
    }

    /**
     * A fix-up for formats ending in a checksum: the CRC32 of every byte before the last
     * four, written big-endian into the last four. A file shorter than five bytes is left as it is.
     *
     * @return the fix-up, for {@link Mutation#then}; it changes its argument and returns it.
     */
    public static UnaryOperator<byte[]> trailingCrc32() {
        return bytes -> {
            if (bytes.length > Integer.BYTES) {
                CRC32 crc = new CRC32();
                crc.update(bytes, 0, bytes.length - Integer.BYTES);
                ByteBuffer.wrap(bytes).putInt(bytes.length - Integer.BYTES, (int) crc.getValue());
            }
            return bytes;
        };
    }

    /**
     * A fix-up for formats whose header gives the length of what follows: the file's length
     * minus {@code uncounted}, written as a big-endian 64-bit integer at {@code offset}. A file
     * too short to hold the field, or shorter than {@code uncounted}, is left as it is.
     *
     * @param offset where the 8-byte field starts.
     * @param uncounted the bytes the field does not count (the header and any trailer).
     * @return the fix-up, for {@link Mutation#then}; it changes its argument and returns it.
     */
    public static UnaryOperator<byte[]> lengthField(int offset, int uncounted) {
        return bytes -> {
            if (bytes.length >= Math.max(offset + Long.BYTES, uncounted)) {
                ByteBuffer.wrap(bytes).putLong(offset, bytes.length - uncounted);
            }
            return bytes;
        };
    }
}
