package org.chainrule.nn.data;

import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import org.chainrule.core.Memory;

/**
 * A CSV label column held compactly, so that its memory grows with the number of rows and not
 * with the length of their text: each distinct label is kept once and each row holds its
 * index (4 bytes a row), in chunks, so that no large array is ever copied to grow. Past {@value #MAX_TEXTS} distinct labels — a regression target, where
 * almost every value differs — a label that is a number is kept as the double it denotes
 * (8 bytes more a row), and reads back in its shortest form ({@code "0.1"} for
 * {@code "0.10"}, {@code "12345"} for {@code "12345.0"}); that column is a quantity, refused as
 * classes whatever its text, and {@link Double#parseDouble} gives the same value from either
 * form. Labels that are not numbers are always kept as written.
 *
 * <p>Filled by {@link #append(String, long)} while a file is read, then only read: an immutable list to
 * its users (every mutator of {@link java.util.List} throws).
 */
final class LabelTexts extends AbstractList<String> implements RandomAccess {
    /** The most distinct labels kept as text before numbers are kept as doubles. */
    static final int MAX_TEXTS = 4096;
    /** A row's code when its label is kept as a number. */
    private static final int NUMBER_CODE = -1;
    /** Whole numbers below this magnitude read back without a fraction or exponent. */
    private static final double PLAIN_WHOLE = 1e15;

    private final Path file;
    private final Map<String, Integer> codeOf = new HashMap<>();
    private final List<String> texts = new ArrayList<>();
    private final List<int[]> codes = new ArrayList<>();
    private final List<double[]> numbers = new ArrayList<>(); // a chunk's numbers, null until it holds one
    private int size;

    /**
     * Starts an empty column.
     *
     * @param file the file being read, for messages.
     */
    LabelTexts(Path file) {
        this.file = file;
    }

    /**
     * Appends one row's label.
     *
     * @param label the label as written.
     * @param line the file's line it comes from, for the message if memory runs short.
     * @throws DataFileException if the column's next chunk does not fit in the JVM's memory.
     */
    void append(String label, long line) {
        int chunk = size >>> NumberBlocks.CHUNK_BITS;
        int at = size & (NumberBlocks.CHUNK - 1);
        if (at == 0) {
            codes.add(ints(line));
            numbers.add(null);
        }
        Integer code = codeOf.get(label);
        if (code == null && texts.size() >= MAX_TEXTS && CsvLoader.NUMBER.matcher(label).matches()) {
            double value = Double.parseDouble(label);
            if (Double.isFinite(value)) {
                if (numbers.get(chunk) == null) {
                    numbers.set(chunk, NumberBlocks.chunk(file, line, "its label column up to this line"));
                }
                numbers.get(chunk)[at] = value;
                codes.get(chunk)[at] = NUMBER_CODE;
                size++;
                return;
            }
        }
        if (code == null) {
            code = texts.size();
            texts.add(label);
            codeOf.put(label, code);
        }
        codes.get(chunk)[at] = code;
        size++;
    }

    private int[] ints(long line) {
        long bytes = 4L * NumberBlocks.CHUNK;
        if (!Memory.fits(bytes)) {
            throw new DataFileException(file, line, "its label column up to this line " + Memory.shortOf(bytes));
        }
        return new int[NumberBlocks.CHUNK];
    }

    @Override
    public String get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("label " + index + " of " + size);
        }
        int chunk = index >>> NumberBlocks.CHUNK_BITS;
        int at = index & (NumberBlocks.CHUNK - 1);
        int code = codes.get(chunk)[at];
        if (code != NUMBER_CODE) {
            return texts.get(code);
        }
        double value = numbers.get(chunk)[at];
        return value == Math.rint(value) && Math.abs(value) < PLAIN_WHOLE ? Long.toString((long) value)
                : Double.toString(value);
    }

    @Override
    public int size() {
        return size;
    }
}
