package org.chainrule.core;

/**
 * The root of every exception Chainrule throws on purpose. It is unchecked: a wrong shape or
 * a misuse of the graph is a programming error, not a condition to recover from.
 *
 * <p>Messages name the operation, the values involved and what to do instead.
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
}
