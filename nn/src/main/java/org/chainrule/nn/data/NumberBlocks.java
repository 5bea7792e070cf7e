package org.chainrule.nn.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chainrule.core.Memory;
import org.chainrule.core.Shape;

/**
 * The numbers of a file being read, in chunks of {@value #CHUNK} doubles, joined into one
 * array at the end: the most memory the numbers ever take is twice their size (the chunks and
 * the joined copy), where a doubling array takes three times (old and new array while
 * growing). The chunks are small enough (256 KiB) to be ordinary objects for the garbage
 * collector, where one huge growing array needs ever larger free runs of memory. Before each
 * chunk, and before the join, the memory still needed is checked against what the JVM can
 * allocate, so that a file too large for the heap is refused with one line naming the line
 * reached, never with an {@link OutOfMemoryError}.
 *
 * <p>Mutable; used by one reader for one file.
 */
final class NumberBlocks {
    /** log2 of {@link #CHUNK}. */
    static final int CHUNK_BITS = 15;
    /** Values per chunk. */
    static final int CHUNK = 1 << CHUNK_BITS;
    private static final long MIB = 1024 * 1024;

    private final Path file;
    private final List<double[]> chunks = new ArrayList<>();
    private long count;

    /**
     * Starts an empty store.
     *
     * @param file the file being read, for messages.
     */
    NumberBlocks(Path file) {
        this.file = file;
    }

    /**
     * A new chunk of {@value #CHUNK} doubles, once the memory check passes.
     *
     * @param file the file being read.
     * @param line the line reached.
     * @param what what needs the chunk, for the message ({@code "its label column up to this line"}).
     * @return the zeroed chunk.
     * @throws DataFileException if it does not fit in the JVM's memory.
     */
    static double[] chunk(Path file, long line, String what) {
        return chunk(file, line, what, 8L * CHUNK);
    }

    private static double[] chunk(Path file, long line, String what, long stillNeeded) {
        if (!Memory.fits(stillNeeded)) {
            throw new DataFileException(file, line, what + " " + Memory.shortOf(stillNeeded));
        }
        return new double[CHUNK];
    }

    /**
     * Appends a number.
     *
     * @param value the number.
     * @param line the file's line it comes from, for the message if memory runs short.
     * @throws DataFileException if the numbers read so far and their join at the end would not
     *     fit in the JVM's memory, or would be more than an array holds.
     */
    void add(double value, long line) {
        if (count == Shape.MAX_SIZE) {
            throw new DataFileException(file, line, "more than " + Shape.MAX_SIZE + " numbers: one table holds at most"
                    + " that many");
        }
        int at = (int) (count & (CHUNK - 1));
        if (at == 0) {
            // one more chunk, and room for the joined copy of them all
            chunks.add(chunk(file, line, "its numbers so far (" + count + ", " + 8 * count / MIB
                    + " MiB as doubles), one more chunk of them and their copy into one table",
                    8 * (count + 2L * CHUNK)));
        }
        chunks.get(chunks.size() - 1)[at] = value;
        count++;
    }

    /**
     * Joins the numbers into one array, in the order they were added, and drops the chunks.
     *
     * @param line the last line read, for the message if memory runs short.
     * @return a new array of exactly the numbers added.
     * @throws DataFileException if the joined copy does not fit in the JVM's memory.
     */
    double[] toArray(long line) {
        if (!Memory.fits(8 * count)) {
            throw new DataFileException(file, line, "its " + count + " numbers " + Memory.shortOf(8 * count));
        }
        double[] out = new double[(int) count];
        for (int c = 0; c < chunks.size(); c++) {
            System.arraycopy(chunks.get(c), 0, out, c * CHUNK, (int) Math.min(CHUNK, count - (long) c * CHUNK));
        }
        chunks.clear();
        count = 0;
        return out;
    }
}
