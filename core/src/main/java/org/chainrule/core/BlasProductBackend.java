package org.chainrule.core;

import dev.ludovic.netlib.blas.BLAS;
import org.ejml.data.DMatrixRMaj;

/**
 * Matrix products through a BLAS {@code dgemm} from {@code dev.ludovic.netlib:blas}: its JNI
 * binding to the system's BLAS (OpenBLAS when installed) or its pure-Java implementation
 * (vectorised with the Java Vector API when {@code --add-modules jdk.incubator.vector} is given).
 *
 * <p>BLAS is column-major and Chainrule's matrices are row-major. A row-major {@code m x n}
 * matrix read as column-major is its {@code n x m} transpose, so the row-major product
 * {@code C = op(A) op(B)} is computed as the column-major {@code C^T = op(B)^T op(A)^T}: the
 * operands are passed swapped, with their transpose flags kept, and nothing is copied.
 */
final class BlasProductBackend implements ProductBackend {
    private final BLAS blas;
    private final String description;

    BlasProductBackend(BLAS blas, String description) {
        this.blas = blas;
        this.description = description;
    }

    @Override
    public void gemm(boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, double beta, DMatrixRMaj c) {
        int m = c.numRows;
        int n = c.numCols;
        int k = transA ? a.numRows : a.numCols;
        blas.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k,
                1.0, b.data, b.numCols, a.data, a.numCols, beta, c.data, n);
    }

    @Override
    public String description() {
        return description;
    }
}
