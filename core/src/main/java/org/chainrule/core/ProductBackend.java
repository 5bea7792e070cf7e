package org.chainrule.core;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * One implementation of the matrix product {@code C = op(A) op(B)}, where {@code op} is the
 * identity or the transpose. {@link Products}
 * chooses which one runs; nothing else calls these.
 */
interface ProductBackend {

    /**
     * {@code c = op(a) op(b)}, never reading {@code c}. Shapes are checked and {@code c} is shaped
     * by the caller.
     *
     * @param transA whether {@code op(a) = a^T}.
     * @param transB whether {@code op(b) = b^T}.
     * @param a left operand. Not modified.
     * @param b right operand. Not modified.
     * @param c the result. Modified.
     */
    void gemm(boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c);

    /**
     * A short description for reports, e.g. {@code "EJML"}.
     *
     * @return the description.
     */
    String description();

    /** EJML's own row-major kernels: the fallback for large products, always available, and the reference in tests. */
    ProductBackend EJML = new ProductBackend() {
        @Override
        public void gemm(boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
            if (transA) {
                CommonOps_DDRM.multTransA(a, b, c);
            } else if (transB) {
                CommonOps_DDRM.multTransB(a, b, c);
            } else {
                CommonOps_DDRM.mult(a, b, c);
            }
        }

        @Override
        public String description() {
            return "EJML";
        }
    };
}
