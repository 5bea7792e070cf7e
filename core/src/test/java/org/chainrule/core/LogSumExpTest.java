package org.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class LogSumExpTest {
    private static final long SEED = Long.getLong("chainrule.seed", 20261122L);

    @Test
    void rowsAndColumnsMatchHandWorkedValues() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2, 3}, {1000, 1000, -1000}});
        DMatrixRMaj rows = LogSumExp.along(a, Axis.EACH_ROW, null);
        assertEquals(2, rows.numRows);
        assertEquals(1, rows.numCols);
        assertEquals(3.40760596444438, rows.get(0, 0), 1e-14);
        assertEquals(1000 + Math.log(2), rows.get(1, 0), 1e-12);
        DMatrixRMaj cols = LogSumExp.along(a, Axis.EACH_COLUMN, null);
        assertEquals(1, cols.numRows);
        assertEquals(3, cols.numCols);
        assertEquals(1000, cols.get(0, 0), 1e-12);
        assertEquals(1000, cols.get(0, 1), 1e-12);
        assertEquals(3, cols.get(0, 2), 1e-12);
    }

    @Test
    void infiniteSlicesGiveTheirInfinityNotNaN() {
        double inf = Double.POSITIVE_INFINITY;
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{-inf, -inf}, {inf, 0}, {-inf, 0}});
        DMatrixRMaj out = LogSumExp.along(a, Axis.EACH_ROW, null);
        assertEquals(-inf, out.get(0, 0));
        assertEquals(inf, out.get(1, 0));
        assertEquals(0, out.get(2, 0), 0);
    }

    @Test
    void agreesWithTheNaiveFormulaWhereThatIsSafe() {
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(integers().between(1, 5), integers().between(1, 5), longs().all())
                .checkAssert((rows, cols, seed) -> {
                    DMatrixRMaj a = Tensor.uniform(rows, cols, -30, 30, new Random(seed)).toMatrix();
                    DMatrixRMaj out = LogSumExp.along(a, Axis.EACH_ROW, null);
                    for (int r = 0; r < rows; r++) {
                        double sum = 0;
                        for (int c = 0; c < cols; c++) {
                            sum += Math.exp(a.get(r, c));
                        }
                        double naive = Math.log(sum);
                        assertEquals(naive, out.get(r, 0), 1e-12 * Math.max(1, Math.abs(naive)), "[chainrule.seed=" + SEED + "] data seed " + seed);
                    }
                });
    }

    @Test
    void shiftingEveryScoreShiftsTheResultAndStaysFinite() {
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(doubles().between(-1000, 1000), longs().all())
                .checkAssert((shift, seed) -> {
                    DMatrixRMaj a = Tensor.uniform(3, 4, -5, 5, new Random(seed)).toMatrix();
                    DMatrixRMaj shifted = a.copy();
                    for (int i = 0; i < shifted.data.length; i++) {
                        shifted.data[i] += shift;
                    }
                    DMatrixRMaj base = LogSumExp.along(a, Axis.EACH_COLUMN, null);
                    DMatrixRMaj moved = LogSumExp.along(shifted, Axis.EACH_COLUMN, null);
                    for (int c = 0; c < 4; c++) {
                        assertTrue(Double.isFinite(moved.get(0, c)), "[chainrule.seed=" + SEED + "] data seed " + seed);
                        assertEquals(base.get(0, c) + shift, moved.get(0, c), 1e-12 * Math.max(1, Math.abs(shift)),
                                "[chainrule.seed=" + SEED + "] data seed " + seed);
                    }
                });
    }

    @Test
    void softplusIsFiniteAtTheExtremesAndExactInTheMiddle() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{0, 1000, -1000, 2}});
        DMatrixRMaj out = LogSumExp.softplus(a, null);
        assertEquals(Math.log(2), out.get(0, 0), 1e-15);
        assertEquals(1000, out.get(0, 1), 0);
        assertEquals(0, out.get(0, 2), 1e-300);
        assertEquals(Math.log1p(Math.exp(2)), out.get(0, 3), 1e-15);
    }

    @Test
    void softplusOfXMinusSoftplusOfMinusXIsX() {
        qt().withFixedSeed(SEED).withExamples(300)
                .forAll(doubles().between(-1000, 1000))
                .checkAssert(x -> {
                    DMatrixRMaj a = new DMatrixRMaj(new double[][] {{x, -x}});
                    DMatrixRMaj out = LogSumExp.softplus(a, null);
                    assertEquals(x, out.get(0, 0) - out.get(0, 1), 1e-12 * Math.max(1, Math.abs(x)), "[chainrule.seed=" + SEED + "]");
                });
    }
}
