package org.chainrule.testing;

import org.chainrule.core.Tensor;

/**
 * Two matrices that multiply: {@code left} is {@code m x k} and {@code right} is {@code k x n}.
 *
 * @param left {@code A}, {@code m x k}.
 * @param right {@code B}, {@code k x n}.
 */
public record MatmulPair(Tensor left, Tensor right) {

    /**
     * Checks that the inner dimensions agree.
     *
     * @throws IllegalArgumentException if {@code left.cols() != right.rows()}.
     */
    public MatmulPair {
        if (left.cols() != right.rows()) {
            throw new IllegalArgumentException("a matmul pair needs m x k times k x n, got " + left.shape()
                    + " and " + right.shape());
        }
    }

    /** E.g. {@code A = 1x2 [[1, 2]], B = 2x1 [[3], [4]]}. */
    @Override
    public String toString() {
        return "A = " + left + ", B = " + right;
    }
}
