package org.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The kernels a vector-Jacobian product is built from write {@code out} and never read it: on
 * every shape from {@code 1x1} to {@code 5x5} (so scalars, rows and columns too) and seeded
 * random values, a stale buffer of another shape is reshaped and every element overwritten,
 * and the result is bit for bit the same whatever the buffer held before (NaN, random values
 * or zeros), so no kernel adds into what it is given: summing contributions is the graph
 * engine's business alone. Also: the hand-written axis sums are bit-identical to EJML's, and
 * the scalar forms of log-sum-exp and sigmoid are bit-identical to the matrix forms.
 *
 * <p>"Exactly" is {@link Double#doubleToLongBits} equality, as {@code assertEquals(double,
 * double)} checks it: {@code -0.0} differs from {@code 0.0}, NaN equals NaN.
 */
class WritingKernelsTest {
    private static final long SEED = Long.getLong("chainrule.seed", 20261122L);
    private static final int MAX_SIDE = 5;

    /** One kernel on fixed inputs: writes its result into {@code out} (null allocates), and returns it. */
    @FunctionalInterface
    private interface Kernel {
        DMatrixRMaj run(DMatrixRMaj out);
    }

    @FunctionalInterface
    private interface Check {
        void check(String name, Kernel kernel, Random random);
    }

    /** Every kernel that a VJP writes with, on random inputs whose (largest) shape is {@code rows x cols}. */
    private static Map<String, Kernel> kernels(int rows, int cols, Random random) {
        DMatrixRMaj a = random(rows, cols, random);
        DMatrixRMaj g = random(rows, cols, random);
        DMatrixRMaj s = Elementwise.sigmoid(a, null); // in (0, 1): also a denominator that is never 0
        DMatrixRMaj t = Elementwise.tanh(a, null);
        double c = random.nextGaussian();
        Shape shape = new Shape(rows, cols);
        Map<String, Kernel> all = new LinkedHashMap<>();
        all.put("sigmoidBackward", out -> Elementwise.sigmoidBackward(s, g, out));
        all.put("tanhBackward", out -> Elementwise.tanhBackward(t, g, out));
        all.put("reluBackward", out -> Elementwise.reluBackward(a, g, out));
        all.put("divide", out -> Elementwise.divide(g, s, out));
        all.put("multiply", out -> Elementwise.multiply(a, g, out));
        all.put("scale", out -> Elementwise.scale(c, a, out));
        for (Axis axis : Axis.values()) {
            DMatrixRMaj soft = SoftmaxKernels.forward(a, axis, null);
            DMatrixRMaj logSoft = LogSumExp.logSoftmax(a, axis, null);
            all.put("sum " + axis, out -> Reductions.sum(a, axis, out));
            all.put("softmax backward " + axis, out -> SoftmaxKernels.backward(soft, g, axis, out));
            all.put("log-softmax backward " + axis, out -> LogSumExp.logSoftmaxBackward(logSoft, g, axis, out));
            DMatrixRMaj maxGradient = axis == Axis.EACH_ROW ? random(rows, 1, random) : random(1, cols, random);
            all.put("max backward " + axis, out -> Extrema.maxBackward(a, axis, maxGradient, out));
        }
        for (DMatrixRMaj sumGradient : List.of(random(1, 1, random), random(rows, 1, random), random(1, cols, random))) {
            all.put("expand " + Broadcast.shapeOf(sumGradient), out -> Reductions.expand(sumGradient, shape, out));
        }
        for (DMatrixRMaj small : List.of(g, random(1, cols, random), random(rows, 1, random), random(1, 1, random))) {
            Shape other = Broadcast.shapeOf(small);
            all.put("broadcast " + shape + " * " + other, out -> Broadcast.multiply(a, small, out));
            all.put("broadcast " + other + " * " + shape, out -> Broadcast.multiply(small, a, out));
            all.put("broadcast " + shape + " / " + other + " (positive)", out -> Broadcast.divide(a, Elementwise.sigmoid(small, null), out));
            all.put("max backward of " + shape + " and " + other, out -> Broadcast.maximumBackward(0, a, small, g, out));
            all.put("min backward of " + other + " and " + shape, out -> Broadcast.minimumBackward(1, small, a, g, out));
        }
        return all;
    }

    /** Runs a check on every kernel for every shape from 1x1 to MAX_SIDE x MAX_SIDE. */
    private static void forEveryKernel(Check check) {
        for (int rows = 1; rows <= MAX_SIDE; rows++) {
            for (int cols = 1; cols <= MAX_SIDE; cols++) {
                Random random = new Random(SEED + 100L * rows + cols);
                for (Map.Entry<String, Kernel> k : kernels(rows, cols, random).entrySet()) {
                    String name = k.getKey() + " on " + rows + "x" + cols + " [chainrule.seed=" + SEED + "]";
                    check.check(name, k.getValue(), random);
                }
            }
        }
    }

    @Test
    void writingIntoAStaleBufferOfAnotherShapeReshapesItAndOverwritesEveryElement() {
        forEveryKernel((name, kernel, random) -> {
            DMatrixRMaj fresh = kernel.run(null);
            DMatrixRMaj stale = new DMatrixRMaj(1, fresh.getNumElements() + 3);
            Arrays.fill(stale.data, Double.NaN);
            assertSame(stale, kernel.run(stale), name);
            assertEquals(Broadcast.shapeOf(fresh), Broadcast.shapeOf(stale), name);
            for (int i = 0; i < fresh.getNumElements(); i++) {
                assertFalse(Double.isNaN(fresh.data[i]), name + ": the inputs must give no NaN, element " + i);
                assertEquals(fresh.data[i], stale.data[i], name + ", element " + i);
            }
        });
    }

    @Test
    void theResultIsTheSameWhateverTheBufferHeldSoNoKernelAddsIntoIt() {
        forEveryKernel((name, kernel, random) -> {
            DMatrixRMaj fresh = kernel.run(null);
            for (double fill : new double[] {Double.NaN, 0.0, 1e300}) {
                DMatrixRMaj out = new DMatrixRMaj(fresh.numRows, fresh.numCols);
                Arrays.fill(out.data, fill);
                out.data[random.nextInt(out.data.length)] = random.nextGaussian();
                assertSame(out, kernel.run(out), name);
                assertArrayEquals(fresh.data, Arrays.copyOf(out.data, fresh.getNumElements()),
                        name + " into a buffer holding " + fill);
            }
        });
    }

    @Test
    void axisSumsAreBitIdenticalToEjmlsSumRowsAndSumCols() {
        Random random = new Random(SEED);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + random.nextInt(12);
            int cols = 1 + random.nextInt(12);
            DMatrixRMaj a = new DMatrixRMaj(rows, cols);
            for (int i = 0; i < a.data.length; i++) {
                // magnitudes from 1e-8 to 1e8, so a different summation order rounds differently
                a.data[i] = random.nextInt(10) == 0 ? -0.0 : random.nextGaussian() * Math.pow(10, random.nextInt(17) - 8);
            }
            String name = rows + "x" + cols + " trial " + trial + " [chainrule.seed=" + SEED + "]";
            assertArrayEquals(CommonOps_DDRM.sumRows(a, null).data, Reductions.sum(a, Axis.EACH_ROW, null).data, name);
            assertArrayEquals(CommonOps_DDRM.sumCols(a, null).data, Reductions.sum(a, Axis.EACH_COLUMN, null).data, name);
        }
    }

    @Test
    void logSumExpOfOneRowIsExactlyThatRowOfTheRowwiseLogSumExp() {
        double inf = Double.POSITIVE_INFINITY;
        double[] specials = {1000, -1000, -inf, inf, 0, -0.0};
        Random random = new Random(SEED);
        for (int trial = 0; trial < 200; trial++) {
            DMatrixRMaj a = new DMatrixRMaj(1 + random.nextInt(6), 1 + random.nextInt(6));
            for (int i = 0; i < a.data.length; i++) {
                a.data[i] = random.nextBoolean() ? specials[random.nextInt(specials.length)] : random.nextGaussian() * 50;
            }
            if (trial % 3 == 0) {
                Arrays.fill(a.data, 0, a.numCols, -inf); // a row that is all log 0
            }
            DMatrixRMaj along = LogSumExp.along(a, Axis.EACH_ROW, null);
            for (int r = 0; r < a.numRows; r++) {
                assertEquals(along.get(r, 0), LogSumExp.ofRow(a, r), "row " + r + " of " + a + " [chainrule.seed=" + SEED + "]");
            }
        }
    }

    @Test
    void scalarSigmoidIsExactlyTheMatrixSigmoidIncludingTheExtremes() {
        double[] specials = {-1000, 1000, 0, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.MIN_VALUE, -Double.MIN_VALUE, 36.7, -36.7, 709.8, -745.2};
        Random random = new Random(SEED);
        double[] xs = Arrays.copyOf(specials, specials.length + 1000);
        for (int i = specials.length; i < xs.length; i++) {
            xs[i] = random.nextGaussian() * 20;
        }
        DMatrixRMaj matrix = Elementwise.sigmoid(new DMatrixRMaj(1, xs.length, true, xs), null);
        for (int i = 0; i < xs.length; i++) {
            assertEquals(matrix.data[i], Elementwise.sigmoid(xs[i]), "sigmoid(" + xs[i] + ")");
        }
        assertEquals(0.0, Elementwise.sigmoid(-1000));
        assertEquals(1.0, Elementwise.sigmoid(1000));
        assertEquals(0.5, Elementwise.sigmoid(-0.0));
        assertTrue(Double.isNaN(Elementwise.sigmoid(Double.NaN)));
    }

    /** Gaussian values times 3, about one in eight exactly 0 (relu's kink). */
    private static DMatrixRMaj random(int rows, int cols, Random random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextInt(8) == 0 ? 0.0 : 3 * random.nextGaussian();
        }
        return m;
    }
}
