package org.chainrule.core;

/**
 * The root of every exception Chainrule throws on purpose. It is unchecked: a wrong shape or
 * a misuse of the graph is a programming error, not a condition to recover from.
 *
 * <p>Messages name the operation, the values involved and what to do instead.
 *
 * <p>The subclasses say what kind of mistake it was: {@link ShapeMismatchException} (operands
 * whose shapes break an operation's rule); in the graph module, {@code AnomalyException} (a
 * NaN or infinity found by anomaly detection); in the nn module,
 * {@code NonFiniteLossException}, {@code CheckpointException}, {@code DataFileException} and
 * {@code InteropException}.
 * Everything else — a null argument, a value out of range, nodes of two different graphs —
 * is a plain {@code ChainruleException}. Chainrule's public methods throw nothing else, except
 * {@link IllegalArgumentException} for settings whose Java convention is that, and
 * {@link AssertionError} from the gradient checker's assertions.
 */
public class ChainruleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that says what was wrong and what to do.
     *
     * @param message the explanation. Not modified.
     */
    public ChainruleException(String message) {
        super(message);
    }

    /**
     * Creates an exception that wraps a lower-level cause.
     *
     * @param message the explanation.
     * @param cause the underlying failure.
     */
    public ChainruleException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Checks an argument that must not be null, the way {@link java.util.Objects#requireNonNull}
     * does but with Chainrule's exception, so that a null never surfaces as a
     * {@link NullPointerException} from deep inside a computation.
     *
     * @param value the argument.
     * @param what what it is, for the message, e.g. {@code "Graph.input: value"}.
     * @param <T> its type.
     * @return {@code value}, for use in an expression.
     * @throws ChainruleException saying {@code "<what> is null"}, if {@code value} is null.
     */
    public static <T> T requireNonNull(T value, String what) {
        if (value == null) {
            throw new ChainruleException(what + " is null");
        }
        return value;
    }

    /**
     * {@link #requireNonNull(Object, String)} for hot paths: the message
     * {@code "<where>: <what> is null"} is built only when the check fails.
     *
     * @param value the argument.
     * @param where the operation or component, e.g. {@code "tanh"}.
     * @param what the argument, e.g. {@code "input"}.
     * @param <T> its type.
     * @return {@code value}, for use in an expression.
     * @throws ChainruleException saying {@code "<where>: <what> is null"}, if {@code value} is null.
     */
    public static <T> T requireNonNull(T value, String where, String what) {
        if (value == null) {
            throw new ChainruleException(where + ": " + what + " is null");
        }
        return value;
    }
}
