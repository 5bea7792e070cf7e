package org.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Every product backend available on this machine agrees with EJML to 1e-12 relative, for all
 * six product forms (plain, transposed A, transposed B, and their accumulating versions), on
 * random shapes from tiny to larger than the BLAS threshold.
 */
class ProductBackendProperties {
    private static final long SEED = Long.getLong("chainrule.seed", 20261122L);

    private static List<ProductBackend> backends() {
        List<ProductBackend> all = new ArrayList<>(ProductDispatch.blasBackends());
        all.add(ProductDispatch.largeProductBackend());
        all.add(SmallProductBackend.INSTANCE);
        return all;
    }

    @Test
    void everyBackendAgreesWithEjmlOnEveryForm() {
        checkAgreement(backends(), 70);
    }

    /** The sizes the small-product loops are chosen for, with every remainder of their 4-wide blocks. */
    @Test
    void smallProductsAgreeWithEjmlOnEveryForm() {
        checkAgreement(List.of(SmallProductBackend.INSTANCE, ProductDispatch.forSize(1)), 12);
    }

    @Test
    void aProductIntoOneOfItsOperandsIsRefused() {
        DMatrixRMaj a = random(3, 3, new Random(1));
        ChainruleException e = assertThrows(ChainruleException.class, () -> Products.mult(a, a.copy(), a));
        assertTrue(e.getMessage().contains("must not be one of the operands"), e.getMessage());
    }

    /** A backend that forgets to accumulate (beta ignored) must be caught by the same property. */
    @Test
    void aBackendThatOverwritesInsteadOfAccumulatingIsCaught() {
        ProductBackend broken = new ProductBackend() {
            @Override
            public void gemm(boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, double beta, DMatrixRMaj c) {
                ProductBackend.EJML.gemm(transA, transB, a, b, 0, c);
            }

            @Override
            public String description() {
                return "broken: ignores beta";
            }
        };
        AssertionError e = assertThrows(AssertionError.class, () -> checkAgreement(List.of(broken), 70));
        assertTrue(e.getMessage().contains("broken: ignores beta"), e.getMessage());
    }

    private static void checkAgreement(List<ProductBackend> backends, int maxSide) {
        qt().withFixedSeed(SEED).withExamples(60)
                .forAll(integers().between(1, maxSide), integers().between(1, maxSide), integers().between(1, maxSide),
                        integers().between(0, 5))
                .checkAssert((m, n, k, form) -> {
                    boolean transA = form % 3 == 1;
                    boolean transB = form % 3 == 2;
                    double beta = form >= 3 ? 1 : 0;
                    Random random = new Random(SEED + m * 31L + n * 17L + k);
                    DMatrixRMaj a = transA ? random(k, m, random) : random(m, k, random);
                    DMatrixRMaj b = transB ? random(n, k, random) : random(k, n, random);
                    DMatrixRMaj start = random(m, n, random);
                    DMatrixRMaj expected = start.copy();
                    ProductBackend.EJML.gemm(transA, transB, a, b, beta, expected);
                    for (ProductBackend backend : backends) {
                        DMatrixRMaj actual = start.copy();
                        backend.gemm(transA, transB, a, b, beta, actual);
                        double scale = Math.max(1, CommonOps_DDRM.elementMaxAbs(expected));
                        double diff = 0;
                        for (int i = 0; i < m * n; i++) {
                            diff = Math.max(diff, Math.abs(expected.data[i] - actual.data[i]));
                        }
                        assertTrue(diff <= 1e-12 * scale, backend.description() + " differs from EJML by " + diff
                                + " on " + m + "x" + k + " by " + k + "x" + n + " form " + form + " (seed " + SEED + ")");
                    }
                });
    }

    @Test
    void publicProductsUseTheChosenBackendAndReportIt() {
        String backend = Products.backend();
        System.out.println("large products run on: " + backend + "; " + ProductDispatch.calibration());
        assertTrue(!backend.isBlank());
        Random random = new Random(9);
        DMatrixRMaj a = random(40, 30, random);
        DMatrixRMaj b = random(30, 50, random);
        DMatrixRMaj expected = new DMatrixRMaj(40, 50);
        CommonOps_DDRM.mult(a, b, expected);
        assertTrue(Tensor.copyOf(expected).approxEquals(Tensor.copyOf(Products.mult(a, b, null)), 1e-10), backend);
    }

    private static DMatrixRMaj random(int rows, int cols, Random random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextDouble() * 2 - 1;
        }
        return m;
    }
}
