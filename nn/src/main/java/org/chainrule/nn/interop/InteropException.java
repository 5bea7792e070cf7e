package org.chainrule.nn.interop;

import org.chainrule.core.ChainruleException;

/**
 * A safetensors, {@code .npy} or {@code .npz} file could not be written, or was refused on
 * reading. A refused load changes no parameter. The message is one line saying which file,
 * which entry and what was wrong (control characters that a damaged file puts into a name or
 * header are shown escaped, as {@code \u000a}); {@link #reason()} says which kind of problem.
 */
public final class InteropException extends ChainruleException {
    private static final long serialVersionUID = 1L;

    /** The kinds of problem. */
    public enum Reason {
        /** The bytes do not follow the format: a bad header, bad offsets, a wrong length. */
        MALFORMED,
        /** An entry's element type is one Chainrule does not read (only 64- and 32-bit floats). */
        UNSUPPORTED_DTYPE,
        /** An array is not one a Chainrule tensor can hold: more than two dimensions, or empty. */
        UNSUPPORTED_SHAPE,
        /** The arrays the file promises would not fit in the memory left to the JVM. */
        TOO_LARGE,
        /** The file is intact but its names or shapes do not match the model's layout. */
        MODEL_MISMATCH,
        /** Reading or writing the file failed. */
        IO_ERROR
    }

    /** Which kind of problem. */
    private final Reason reason;

    InteropException(Reason reason, String message) {
        super(oneLine(message));
        this.reason = reason;
    }

    InteropException(Reason reason, String message, Throwable cause) {
        super(oneLine(message), cause);
        this.reason = reason;
    }

    private static String oneLine(String message) {
        StringBuilder out = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /**
     * Which kind of problem this is.
     *
     * @return the reason.
     */
    public Reason reason() {
        return reason;
    }
}
