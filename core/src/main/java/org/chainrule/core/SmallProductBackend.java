package org.chainrule.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Plain Java loops for small products, where call overhead and short loops rather than
 * arithmetic decide the time. All three forms ({@code A B}, {@code A^T B}, {@code A B^T}) are
 * one kernel, {@code C[i,j] (+)= sum over p of a(i,p) b(p,j)}, reading {@code A} and {@code B}
 * through strides, so a transpose costs nothing. It computes blocks of two rows by four
 * columns (then two columns, then one) with every sum in its own register, so that the
 * additions do not wait on one another or on memory; a one-column product takes four rows at
 * a time. With {@code beta = 1} the product is added to {@code C}; with {@code beta = 0} it
 * replaces it (old values, NaN included, are ignored).
 *
 * <p>On the eight products of a 2-6-6-1 network's training step with batch 10 it takes 0.55
 * of EJML's time (BENCHMARKS.md, {@code KernelBenchmark}).
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
     * and {@code b(p,j) = b[p bDepth + j bCol]}: blocks of two rows by four columns (then two,
     * then one), each of the sums in its own register, so that the additions do not wait on
     * one another or on memory and each value loaded is used more than once.
     */
    private static void product(int m, int n, int k, double[] a, int aRow, int aDepth, double[] b, int bDepth,
                                int bCol, boolean add, double[] c) {
        if (n == 1) {
            column(m, k, a, aRow, aDepth, b, bDepth, add, c);
            return;
        }
        int i = 0;
        for (; i + 2 <= m; i += 2) {
            int a0 = i * aRow;
            int a1 = a0 + aRow;
            int c0 = i * n;
            int c1 = c0 + n;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                double s00 = 0;
                double s01 = 0;
                double s02 = 0;
                double s03 = 0;
                double s10 = 0;
                double s11 = 0;
                double s12 = 0;
                double s13 = 0;
                for (int p = 0; p < k; p++) {
                    double x0 = a[a0 + p * aDepth];
                    double x1 = a[a1 + p * aDepth];
                    int bp = j * bCol + p * bDepth;
                    double b0 = b[bp];
                    double b1 = b[bp + bCol];
                    double b2 = b[bp + 2 * bCol];
                    double b3 = b[bp + 3 * bCol];
                    s00 += x0 * b0;
                    s01 += x0 * b1;
                    s02 += x0 * b2;
                    s03 += x0 * b3;
                    s10 += x1 * b0;
                    s11 += x1 * b1;
                    s12 += x1 * b2;
                    s13 += x1 * b3;
                }
                store(c, c0 + j, s00, add);
                store(c, c0 + j + 1, s01, add);
                store(c, c0 + j + 2, s02, add);
                store(c, c0 + j + 3, s03, add);
                store(c, c1 + j, s10, add);
                store(c, c1 + j + 1, s11, add);
                store(c, c1 + j + 2, s12, add);
                store(c, c1 + j + 3, s13, add);
            }
            if (j + 2 <= n) {
                double s00 = 0;
                double s01 = 0;
                double s10 = 0;
                double s11 = 0;
                for (int p = 0; p < k; p++) {
                    double x0 = a[a0 + p * aDepth];
                    double x1 = a[a1 + p * aDepth];
                    int bp = j * bCol + p * bDepth;
                    double b0 = b[bp];
                    double b1 = b[bp + bCol];
                    s00 += x0 * b0;
                    s01 += x0 * b1;
                    s10 += x1 * b0;
                    s11 += x1 * b1;
                }
                store(c, c0 + j, s00, add);
                store(c, c0 + j + 1, s01, add);
                store(c, c1 + j, s10, add);
                store(c, c1 + j + 1, s11, add);
                j += 2;
            }
            if (j < n) {
                double s0 = 0;
                double s1 = 0;
                for (int p = 0; p < k; p++) {
                    double y = b[j * bCol + p * bDepth];
                    s0 += a[a0 + p * aDepth] * y;
                    s1 += a[a1 + p * aDepth] * y;
                }
                store(c, c0 + j, s0, add);
                store(c, c1 + j, s1, add);
            }
        }
        if (i < m) {
            lastRow(n, k, a, i * aRow, aDepth, b, bDepth, bCol, add, c, i * n);
        }
    }

    /** A one-column product (a matrix times a vector): four rows at a time, then one. */
    private static void column(int m, int k, double[] a, int aRow, int aDepth, double[] b, int bDepth, boolean add,
                               double[] c) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = i * aRow;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int p = 0; p < k; p++) {
                double y = b[p * bDepth];
                int ap = a0 + p * aDepth;
                s0 += a[ap] * y;
                s1 += a[ap + aRow] * y;
                s2 += a[ap + 2 * aRow] * y;
                s3 += a[ap + 3 * aRow] * y;
            }
            store(c, i, s0, add);
            store(c, i + 1, s1, add);
            store(c, i + 2, s2, add);
            store(c, i + 3, s3, add);
        }
        for (; i < m; i++) {
            double s0 = 0;
            for (int p = 0; p < k; p++) {
                s0 += a[i * aRow + p * aDepth] * b[p * bDepth];
            }
            store(c, i, s0, add);
        }
    }

    /** One row of the product, for an odd number of rows: four columns at a time, then one. */
    private static void lastRow(int n, int k, double[] a, int ai, int aDepth, double[] b, int bDepth, int bCol,
                                boolean add, double[] c, int ci) {
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int p = 0; p < k; p++) {
                double x = a[ai + p * aDepth];
                int bp = j * bCol + p * bDepth;
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
        for (; j < n; j++) {
            double s0 = 0;
            for (int p = 0; p < k; p++) {
                s0 += a[ai + p * aDepth] * b[j * bCol + p * bDepth];
            }
            store(c, ci + j, s0, add);
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
