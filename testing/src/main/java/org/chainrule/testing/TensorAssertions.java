package org.chainrule.testing;

import org.chainrule.core.Tensor;
import org.opentest4j.AssertionFailedError;

/**
 * A JUnit 5 assertion that two tensors are equal to a tolerance, with both printed in full
 * when they are not: {@code |expected_ij - actual_ij| <= tolerance} for every entry, shapes
 * equal, NaN equal to nothing.
 */
public final class TensorAssertions {
    private TensorAssertions() {
    }

    /**
     * Asserts that {@code actual} has {@code expected}'s shape and entries, each within
     * {@code tolerance}.
     *
     * @param expected the expected tensor.
     * @param actual the tensor under test.
     * @param tolerance the largest absolute difference allowed per entry, non-negative.
     * @throws AssertionFailedError naming both tensors, if they differ.
     */
    public static void assertTensorEquals(Tensor expected, Tensor actual, double tolerance) {
        if (actual == null || !expected.approxEquals(actual, tolerance)) {
            throw new AssertionFailedError("tensors differ by more than " + tolerance, expected, actual);
        }
    }

    /**
     * Asserts that {@code actual} equals the matrix {@code expected}, given by rows, each entry
     * within {@code tolerance}.
     *
     * @param expected the expected entries, row by row.
     * @param actual the tensor under test.
     * @param tolerance the largest absolute difference allowed per entry, non-negative.
     * @throws AssertionFailedError naming both tensors, if they differ.
     */
    public static void assertTensorEquals(double[][] expected, Tensor actual, double tolerance) {
        assertTensorEquals(Tensor.of(expected), actual, tolerance);
    }
}
