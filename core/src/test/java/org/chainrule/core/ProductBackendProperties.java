package org.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
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

    /**
     * Every size the small-product loops' blocks and remainders can meet, exhaustively: each
     * of m, n, k from 1 to 11 (odd and even rows, 0-3 columns left after the four-wide blocks,
     * one-column products with any number of rows), every form, writing and adding.
     */
    @Test
    void smallProductsAgreeWithEjmlOnEverySizeUpToEleven() {
        for (int m = 1; m <= 11; m++) {
            for (int n = 1; n <= 11; n++) {
                for (int k = 1; k <= 11; k++) {
                    for (int form = 0; form < 6; form++) {
                        assertAgrees(List.of(SmallProductBackend.INSTANCE), m, n, k, form);
                    }
                }
            }
        }
    }

    @Test
    void productsBelowTheThresholdRunOnTheSmallLoopsAndLargerOnesDoNot() {
        assertSame(SmallProductBackend.INSTANCE, ProductDispatch.forSize(ProductDispatch.SMALL_PRODUCT - 1));
        assertNotSame(SmallProductBackend.INSTANCE, ProductDispatch.forSize(ProductDispatch.SMALL_PRODUCT));
    }

    /** Refused before anything is written: the operand keeps its shape and values. */
    @Test
    void aProductIntoOneOfItsOperandsIsRefusedAndLeavesItAlone() {
        DMatrixRMaj a = random(3, 2, new Random(1));
        DMatrixRMaj b = random(2, 4, new Random(2));
        DMatrixRMaj before = a.copy();
        ChainruleException e = assertThrows(ChainruleException.class, () -> Products.mult(a, b, a));
        assertTrue(e.getMessage().contains("must not be one of the operands"), e.getMessage());
        assertTrue(Tensor.copyOf(before).approxEquals(Tensor.copyOf(a), 0), "a is untouched: " + a);
        DMatrixRMaj c = random(2, 4, new Random(3));
        assertThrows(ChainruleException.class, () -> Products.multAddTransA(random(2, 2, new Random(4)), c, c));
        DMatrixRMaj sharing = DMatrixRMaj.wrap(3, 2, a.data);
        assertThrows(ChainruleException.class, () -> Products.multTransB(a, random(3, 2, new Random(5)), sharing));
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
                .checkAssert((m, n, k, form) -> assertAgrees(backends, m, n, k, form));
    }

    /** Each backend's {@code op(A) op(B) (+ C)} agrees with EJML's to 1e-12 of the largest entry. */
    private static void assertAgrees(List<ProductBackend> backends, int m, int n, int k, int form) {
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
