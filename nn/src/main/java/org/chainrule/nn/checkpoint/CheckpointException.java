package org.chainrule.nn.checkpoint;

import org.chainrule.core.ChainruleException;

/**
 * A checkpoint could not be saved, or was rejected on loading. A rejected load changes no
 * parameter. The message says what was wrong; {@link #reason()} says which kind of problem.
 */
public final class CheckpointException extends ChainruleException {
    private static final long serialVersionUID = 1L;

    /** The kinds of problem. */
    public enum Reason {
        /** The file does not start with the checkpoint magic number: not a Chainrule checkpoint. */
        WRONG_MAGIC,
        /** The file is a checkpoint of a format version this code does not read. */
        UNSUPPORTED_VERSION,
        /** The file is shorter than its header says: cut off. */
        TRUNCATED,
        /** The checksum or the structure is wrong: the bytes were damaged. */
        CORRUPTED,
        /** The file is intact but its parameters are missing from, extra to, or shaped unlike the model's. */
        MODEL_MISMATCH,
        /** Reading or writing the file failed. */
        IO_ERROR
    }

    /** Which kind of problem. */
    private final Reason reason;

    /**
     * A checkpoint problem, for code that reads checkpoints for its own use (a trainer
     * resuming, a model file).
     *
     * @param reason the kind of problem.
     * @param message what was wrong and what to do.
     */
    public CheckpointException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * A checkpoint problem with its cause.
     *
     * @param reason the kind of problem.
     * @param message what was wrong and what to do.
     * @param cause the underlying failure.
     */
    public CheckpointException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
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
