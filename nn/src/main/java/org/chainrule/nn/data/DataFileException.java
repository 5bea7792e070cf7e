package org.chainrule.nn.data;

import java.nio.file.Path;
import org.chainrule.core.ChainruleException;

/**
 * Thrown when a data file cannot be read or its contents break the format. The message
 * starts like a compiler's, {@code FILE: problem} or {@code FILE:LINE: problem}, and says
 * what is wrong, for example {@code data.csv:7: column 'x2': 'abc' is not a number}.
 */
public class DataFileException extends ChainruleException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;

    /**
     * A problem with a file as a whole.
     *
     * @param file the file.
     * @param problem what is wrong, as a sentence fragment.
     */
    public DataFileException(Path file, String problem) {
        this(file, 0, problem, null);
    }

    /**
     * A problem with one line of a text file.
     *
     * @param file the file.
     * @param line the 1-based line number.
     * @param problem what is wrong with that line.
     */
    public DataFileException(Path file, long line, String problem) {
        this(file, line, problem, null);
    }

    /**
     * A problem with a file as a whole, caused by a lower-level failure such as an I/O error.
     *
     * @param file the file.
     * @param problem what is wrong.
     * @param cause the underlying failure.
     */
    public DataFileException(Path file, String problem, Throwable cause) {
        this(file, 0, problem, cause);
    }

    private DataFileException(Path file, long line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.file = String.valueOf(file);
        this.line = line;
    }

    /**
     * The file at fault.
     *
     * @return its path as given to the loader.
     */
    public String file() {
        return file;
    }

    /**
     * The 1-based line at fault in a text file.
     *
     * @return the line number, or 0 when the problem is not about one line.
     */
    public long line() {
        return line;
    }
}
