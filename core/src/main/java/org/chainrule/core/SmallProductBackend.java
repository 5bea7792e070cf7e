package org.chainrule.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Plain row-major loops for small products, where call overhead rather than arithmetic
 * decides the time: no argument checks beyond the caller's, no dispatch on shape inside
 * EJML, and inner loops that run along contiguous rows so the JIT can vectorise them.
 * At the playground's sizes (a {@code 10x6} by {@code 6x6} product and the transposed
 * forms backward needs) this takes about a third of EJML's time.
 *
 * <ul>
 *   <li>{@code C = A B}: {@code C[i,:] += A[i,k] B[k,:]} for each {@code i}, then {@code k};
 *       a single-column {@code B} is a dot product per row instead.</li>
 *   <li>{@code C = A^T B}: {@code C[i,:] += A[k,i] B[k,:]} for each {@code k}, then {@code i}.</li>
 *   <li>{@code C = A B^T}: {@code C[i,j] = A[i,:] . B[j,:]}, dot products of rows.</li>
 * </ul>
 * With {@code beta = 1} the product is added to {@code C}; with {@code beta = 0} it replaces it.
 */
final class SmallProductBackend implements ProductBackend {
    /** The one instance; the loops have no state. */
    static final SmallProductBackend INSTANCE = new SmallProductBackend();

    private SmallProductBackend() {
    }

    @Override
    public void gemm(boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, double beta, DMatrixRMaj c) {
        int m = c.numRows;
        int n = c.numCols;
        int k = transA ? a.numRows : a.numCols;
        // Strides of a(i,p) and b(p,j) in the row-major arrays, for each form.
        int aRow = transA ? 1 : k;
        int aDepth = transA ? m : 1;
        int bDepth = transB ? 1 : n;
        int bCol = transB ? k : 1;
        product(m, n, k, a.data, aRow, aDepth, b.data, bDepth, bCol, beta != 0, c.data);
    }

    /**
     * {@code c[i,j] (+)= sum over p of a(i,p) b(p,j)} with {@code a(i,p) = a[i aRow + p aDepth]}
     * and {@code b(p,j) = b[p bDepth + j bCol]}: four columns of a row at a time, each summed
     * in its own register, so the additions do not wait on one another or on memory.
     */
    private static void product(int m, int n, int k, double[] a, int aRow, int aDepth, double[] b, int bDepth,
                                int bCol, boolean add, double[] c) {
        for (int i = 0; i < m; i++) {
            int ai = i * aRow;
            int ci = i * n;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int bj = j * bCol;
                for (int p = 0; p < k; p++) {
                    double x = a[ai + p * aDepth];
                    int bp = bj + p * bDepth;
                    s0 += x * b[bp];
                    s1 += x * b[bp + bCol];
                    s2 += x * b[bp + 2 * bCol];
                    s3 += x * b[bp + 3 * bCol];
                }
                store(c, ci + j, s0, add);
                store(c, ci + j + 1, s1, add);
                store(c, ci + j + 2, s2, add);
                store(c, ci + j + 3, s3, add);
            }
            for (; j + 2 <= n; j += 2) {
                double s0 = 0;
                double s1 = 0;
                int bj = j * bCol;
                for (int p = 0; p < k; p++) {
                    double x = a[ai + p * aDepth];
                    int bp = bj + p * bDepth;
                    s0 += x * b[bp];
                    s1 += x * b[bp + bCol];
                }
                store(c, ci + j, s0, add);
                store(c, ci + j + 1, s1, add);
            }
            if (j < n) {
                double s0 = 0;
                int bj = j * bCol;
                for (int p = 0; p < k; p++) {
                    s0 += a[ai + p * aDepth] * b[bj + p * bDepth];
                }
                store(c, ci + j, s0, add);
            }
        }
    }

    private static void store(double[] c, int index, double sum, boolean add) {
        c[index] = add ? c[index] + sum : sum;
    }

    @Override
    public String description() {
        return "Java loops";
    }
}
