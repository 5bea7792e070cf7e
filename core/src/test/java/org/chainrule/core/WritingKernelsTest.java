package org.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * The kernels that write ({@code add = false}: {@code out = result}) or add
 * ({@code add = true}: {@code out += result}): on every shape from {@code 1x1} to {@code 5x5}
 * (so scalars, rows and columns too) and seeded random values, adding gives exactly
 * {@code out + result} element by element, writing into a stale buffer overwrites every
 * element, and adding into a missing or wrongly shaped {@code out} is refused, with a message,
 * before anything is written. Also: the hand-written axis sums are bit-identical to EJML's, and
 * the scalar forms of log-sum-exp and sigmoid are bit-identical to the matrix forms.
 *
 * <p>"Exactly" is {@link Double#doubleToLongBits} equality, as {@code assertEquals(double,
 * double)} checks it: {@code -0.0} differs from {@code 0.0}, NaN equals NaN.
 */
class AccumulatingKernelsTest {
    private static final long SEED = Long.getLong("chainrule.seed", 20261122L);
    private static final int MAX_SIDE = 5;

    /** One kernel on fixed inputs: writes or adds its result into {@code out}, and returns it. */
    @FunctionalInterface
    private interface Kernel {
        DMatrixRMaj run(DMatrixRMaj out, boolean add);
    }

    @FunctionalInterface
    private interface Check {
        void check(String name, Kernel kernel, Random random);
    }

    /** Every kernel that can add, on random inputs whose (largest) shape is {@code rows x cols}. */
    private static Map<String, Kernel> kernels(int rows, int cols, Random random) {
        DMatrixRMaj a = random(rows, cols, random);
        DMatrixRMaj g = random(rows, cols, random);
        DMatrixRMaj s = Elementwise.sigmoid(a, null); // in (0, 1): also a denominator that is never 0
        DMatrixRMaj t = Elementwise.tanh(a, null);
        double c = random.nextGaussian();
        Shape shape = new Shape(rows, cols);
        Map<String, Kernel> all = new LinkedHashMap<>();
        all.put("sigmoidBackward", (out, add) -> Elementwise.sigmoidBackward(s, g, out, add));
        all.put("tanhBackward", (out, add) -> Elementwise.tanhBackward(t, g, out, add));
        all.put("reluBackward", (out, add) -> Elementwise.reluBackward(a, g, out, add));
        all.put("divide", (out, add) -> Elementwise.divide(g, s, out, add));
        all.put("multiply", (out, add) -> Elementwise.multiply(a, g, out, add));
        all.put("scale", (out, add) -> Elementwise.scale(c, a, out, add));
        for (Axis axis : Axis.values()) {
            DMatrixRMaj soft = SoftmaxKernels.forward(a, axis, null);
            all.put("sum " + axis, (out, add) -> Reductions.sum(a, axis, out, add));
            all.put("softmax backward " + axis, (out, add) -> SoftmaxKernels.backward(soft, g, axis, out, add));
        }
        for (DMatrixRMaj sumGradient : List.of(random(1, 1, random), random(rows, 1, random), random(1, cols, random))) {
            all.put("expand " + Broadcast.shapeOf(sumGradient),
                    (out, add) -> Reductions.expand(sumGradient, shape, out, add));
        }
        for (DMatrixRMaj small : List.of(g, random(1, cols, random), random(rows, 1, random), random(1, 1, random))) {
            Shape other = Broadcast.shapeOf(small);
            all.put("broadcast " + shape + " * " + other,
                    (out, add) -> add ? Broadcast.multiplyAdd(a, small, out) : Broadcast.multiply(a, small, out));
            all.put("broadcast " + other + " * " + shape,
                    (out, add) -> add ? Broadcast.multiplyAdd(small, a, out) : Broadcast.multiply(small, a, out));
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
    void addingGivesExactlyTheOutputPlusTheWrittenResultInEveryElement() {
        forEveryKernel((name, kernel, random) -> {
            DMatrixRMaj fresh = kernel.run(null, false);
            DMatrixRMaj before = random(fresh.numRows, fresh.numCols, random);
            DMatrixRMaj out = before.copy();
            assertSame(out, kernel.run(out, true), name);
            for (int i = 0; i < fresh.getNumElements(); i++) {
                assertEquals(before.data[i] + fresh.data[i], out.data[i], name + ", element " + i);
            }
        });
    }

    @Test
    void writingIntoAStaleBufferOfAnotherShapeReshapesItAndOverwritesEveryElement() {
        forEveryKernel((name, kernel, random) -> {
            DMatrixRMaj fresh = kernel.run(null, false);
            DMatrixRMaj stale = new DMatrixRMaj(1, fresh.getNumElements() + 3);
            Arrays.fill(stale.data, Double.NaN);
            assertSame(stale, kernel.run(stale, false), name);
            assertEquals(Broadcast.shapeOf(fresh), Broadcast.shapeOf(stale), name);
            for (int i = 0; i < fresh.getNumElements(); i++) {
                assertFalse(Double.isNaN(fresh.data[i]), name + ": the inputs must give no NaN, element " + i);
                assertEquals(fresh.data[i], stale.data[i], name + ", element " + i);
            }
        });
    }

    @Test
    void addingIntoAWronglyShapedOutIsRefusedAndLeavesItUntouched() {
        forEveryKernel((name, kernel, random) -> {
            Shape right = Broadcast.shapeOf(kernel.run(null, false));
            List<Shape> wrongs = List.of(new Shape(right.rows() + 1, right.cols()), new Shape(right.rows(), right.cols() + 1),
                    new Shape(right.cols(), right.rows()));
            for (Shape wrong : wrongs) {
                if (wrong.equals(right)) {
                    continue; // the transpose of a square
                }
                DMatrixRMaj out = random(wrong.rows(), wrong.cols(), random);
                DMatrixRMaj before = out.copy();
                ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> kernel.run(out, true), name);
                assertTrue(e.getMessage().contains(right.toString()) && e.getMessage().contains(wrong.toString()),
                        name + " into " + wrong + ": " + e.getMessage());
                assertArrayEquals(before.data, out.data, name + " into " + wrong);
            }
        });
    }

    @Test
    void addingIntoNoOutIsRefusedWithAChainruleExceptionNotANullPointerException() {
        forEveryKernel((name, kernel, random) -> {
            ChainruleException e = assertThrows(ChainruleException.class, () -> kernel.run(null, true), name);
            assertTrue(e.getMessage().contains("null"), name + ": " + e.getMessage());
        });
    }

    @Test
    void targetHandsBackTheSameOutWhenAddingAndReshapesOrAllocatesWhenWriting() {
        DMatrixRMaj like = new DMatrixRMaj(2, 3);
        DMatrixRMaj out = random(2, 3, new Random(SEED));
        DMatrixRMaj before = out.copy();
        assertSame(out, Elementwise.target(out, like, true));
        assertArrayEquals(before.data, out.data, "adding leaves the values for the kernel to add to");
        DMatrixRMaj other = new DMatrixRMaj(3, 4);
        assertSame(other, Elementwise.target(other, like, false));
        assertEquals(new Shape(2, 3), Broadcast.shapeOf(other));
        assertEquals(new Shape(2, 3), Broadcast.shapeOf(Elementwise.target(null, like, false)));
    }

    @Test
    void putWritesOrAddsItsOneElementAndNoOther() {
        double[] data = {1.5, -2.25, 4};
        Elementwise.put(data, 1, 0.5, true);
        assertArrayEquals(new double[] {1.5, -1.75, 4}, data);
        Elementwise.put(data, 1, 0.5, false);
        assertArrayEquals(new double[] {1.5, 0.5, 4}, data);
        Elementwise.put(data, 0, -0.0, false);
        assertEquals(-0.0, data[0], "writing -0.0 keeps its sign");
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
            assertArrayEquals(CommonOps_DDRM.sumRows(a, null).data, Reductions.sum(a, Axis.EACH_ROW, null, false).data, name);
            assertArrayEquals(CommonOps_DDRM.sumCols(a, null).data, Reductions.sum(a, Axis.EACH_COLUMN, null, false).data, name);
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
