package org.chainrule.nn.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;

/**
 * Reads a text file line by line, as {@link java.io.BufferedReader#readLine()} does ({@code \n},
 * {@code \r\n} or {@code \r} ends a line; the ending is not part of it), but refuses a line
 * longer than {@value #MAX_LINE} characters <em>while</em> reading it: a file with no line breaks
 * (a binary file, {@code /dev/zero}, a 300 MB single line) is refused in one line instead of being
 * gathered into one string until the memory runs out. A table row that long would hold over half
 * a million values.
 *
 * <p>Mutable; reads one file once.
 */
final class BoundedLines {
    /** The longest line read, in characters. */
    static final int MAX_LINE = 1 << 24;
    private static final int BUFFER = 1 << 13;

    private final Reader in;
    private final Path file;
    private final int maxLine;
    private final char[] buffer = new char[BUFFER];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int end;
    private boolean skipLineFeed; // the last line ended with \r: a \n right after it belongs to it
    private long lineNumber;

    /**
     * Reads from a reader.
     *
     * @param in the text. Read, not closed.
     * @param file the file it comes from, for messages.
     */
    BoundedLines(Reader in, Path file) {
        this(in, file, MAX_LINE);
    }

    /**
     * Reads from a reader with a given longest line (for tests).
     *
     * @param in the text. Read, not closed.
     * @param file the file it comes from, for messages.
     * @param maxLine the longest line, in characters.
     */
    BoundedLines(Reader in, Path file, int maxLine) {
        this.in = in;
        this.file = file;
        this.maxLine = maxLine;
    }

    /**
     * The next line.
     *
     * @return the line without its ending, or null at the end of the file.
     * @throws IOException if reading fails (including text that is not in the reader's charset).
     * @throws DataFileException if the line is longer than the longest allowed.
     */
    String next() throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (position == end) {
                end = in.read(buffer, 0, BUFFER);
                position = 0;
                if (end <= 0) {
                    end = 0;
                    if (!any) {
                        return null;
                    }
                    lineNumber++;
                    return line.toString();
                }
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            any = true;
            int start = position;
            while (position < end && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            if (line.length() + (position - start) > maxLine) {
                throw new DataFileException(file, lineNumber + 1, "is longer than " + maxLine
                        + " characters before its end: that is not a row of a table (is this a CSV file?)");
            }
            line.append(buffer, start, position - start);
            if (position < end) {
                skipLineFeed = buffer[position] == '\r';
                position++;
                lineNumber++;
                return line.toString();
            }
        }
    }
}
