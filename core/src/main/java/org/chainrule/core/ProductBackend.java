package org.chainrule.core;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * One implementation of the general matrix product {@code C = op(A) op(B) + beta C}, where
 * {@code op} is the identity or the transpose and {@code beta} is 0 or 1. {@link Products}
 * chooses which one runs; nothing else calls these.
 */
interface ProductBackend {

    /**
     * {@code c = op(a) op(b) + beta c}. Shapes are checked and {@code c} is shaped by the caller.
     *
     * @param transA whether {@code op(a) = a^T}.
     * @param transB whether {@code op(b) = b^T}.
     * @param a left operand. Not modified.
     * @param b right operand. Not modified.
     * @param beta 0 to overwrite {@code c}, 1 to add into it.
     * @param c the result. Modified.
     */
    void gemm(boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, double beta, DMatrixRMaj c);

    /**
     * A short description for reports, e.g. {@code "EJML"}.
     *
     * @return the description.
     */
    String description();

    /** EJML's own row-major kernels: the fallback for large products, always available, and the reference in tests. */
    ProductBackend EJML = new ProductBackend() {
        @Override
        public void gemm(boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, double beta, DMatrixRMaj c) {
            if (beta == 0) {
                if (transA) {
                    CommonOps_DDRM.multTransA(a, b, c);
                } else if (transB) {
                    CommonOps_DDRM.multTransB(a, b, c);
                } else {
                    CommonOps_DDRM.mult(a, b, c);
                }
            } else if (transA) {
                CommonOps_DDRM.multAddTransA(a, b, c);
            } else if (transB) {
                CommonOps_DDRM.multAddTransB(a, b, c);
            } else {
                CommonOps_DDRM.multAdd(a, b, c);
            }
        }

        @Override
        public String description() {
            return "EJML";
        }
    };
}
