package org.chainrule.core;

/**
 * Thrown when an operation receives operands whose shapes break its rule, for example
 * {@code matmul: cannot multiply 2x3 by 4x5: inner dimensions 3 and 4 differ}.
 *
 * <p>The message always names the operation, both shapes and the rule broken.
 */
public class ShapeMismatchException extends ChainruleException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a complete message.
     *
     * @param message operation, shapes and the rule broken.
     */
    public ShapeMismatchException(String message) {
        super(message);
    }

    /**
     * Creates an exception that restates another with more context, such as the nodes
     * involved.
     *
     * @param message operation, shapes, the rule broken and the added context.
     * @param cause the original exception.
     */
    public ShapeMismatchException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The error for a matrix product whose inner dimensions differ.
     *
     * @param operation the operation's name, e.g. {@code "matmul"}.
     * @param left shape of the left operand.
     * @param right shape of the right operand.
     * @return the exception, ready to throw.
     */
    public static ShapeMismatchException product(String operation, Shape left, Shape right) {
        return new ShapeMismatchException(operation + ": cannot multiply " + left + " by " + right
                + ": inner dimensions " + left.cols() + " and " + right.rows() + " differ");
    }

    /**
     * The error for two operands that must have the same shape and do not.
     *
     * @param operation the operation's name.
     * @param expected the shape required.
     * @param actual the shape given.
     * @return the exception, ready to throw.
     */
    public static ShapeMismatchException sameShape(String operation, Shape expected, Shape actual) {
        return new ShapeMismatchException(operation + ": shapes " + expected + " and " + actual
                + " differ: both operands must have the same shape");
    }
}
