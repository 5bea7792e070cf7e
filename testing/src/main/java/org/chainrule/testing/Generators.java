package org.chainrule.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Node;
import org.chainrule.graph.check.Draw;
import org.chainrule.graph.check.OperationCase;
import org.chainrule.graph.check.OperationExample;
import org.ejml.data.DMatrixRMaj;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * QuickTheories generators for shapes, matrices, matrix-product pairs, broadcast pairs and
 * random DAG programs. Every value is drawn from QuickTheories' randomness source, so failing
 * examples shrink: dimensions towards 1, entries towards 0, DAGs towards fewer steps.
 *
 * <p>Matrix entries lie on a grid of {@code 0.001}, so a shrunk counterexample prints exactly
 * and can be pasted back into a test.
 */
public final class Generators {
    /** The largest dimension {@link #shapes()} generates. */
    public static final int MAX_DIMENSION = 8;
    /** Entries are multiples of this. */
    private static final double GRID = 1e-3;

    private Generators() {
    }

    // ---- shapes ----

    /**
     * Shapes with 1 to 8 rows and columns; about one in ten is {@code 1x1}, one in five a
     * {@code 1xn} row and one in five an {@code nx1} column.
     *
     * @return the generator.
     */
    public static Gen<Shape> shapes() {
        return shapes(MAX_DIMENSION);
    }

    /**
     * Shapes with 1 to {@code max} rows and columns, with scalars, rows and columns as often
     * as in {@link #shapes()}.
     *
     * @param max the largest dimension, at least 1.
     * @return the generator.
     */
    public static Gen<Shape> shapes(int max) {
        requirePositive(max);
        return in -> {
            long kind = in.next(Constraint.between(0, 9));
            if (kind == 0) {
                return Shape.scalar();
            }
            if (kind <= 2) {
                return new Shape(1, dimension(in, max));
            }
            if (kind <= 4) {
                return new Shape(dimension(in, max), 1);
            }
            return new Shape(dimension(in, max), dimension(in, max));
        };
    }

    /**
     * One dimension in {@code 1..max}, drawn from {@code in}; shrinks towards 1.
     *
     * @param in the randomness source.
     * @param max the largest value.
     * @return the dimension.
     */
    public static int dimension(RandomnessSource in, int max) {
        return (int) in.next(Constraint.between(1, max).withShrinkPoint(1));
    }

    // ---- matrices ----

    /**
     * Matrices of {@link #shapes()} with entries in {@code [-3, 3]}.
     *
     * @return the generator.
     */
    public static Gen<Tensor> matrices() {
        return in -> matrix(in, shapes().generate(in), -3, 3);
    }

    /**
     * Matrices of one shape with entries in {@code [-3, 3]}.
     *
     * @param shape the shape.
     * @return the generator.
     */
    public static Gen<Tensor> matrices(Shape shape) {
        return matrices(shape, -3, 3);
    }

    /**
     * Matrices of one shape with entries in {@code [low, high]}, multiples of {@code 0.001}.
     *
     * @param shape the shape.
     * @param low the smallest entry.
     * @param high the largest entry, {@code >= low}.
     * @return the generator.
     */
    public static Gen<Tensor> matrices(Shape shape, double low, double high) {
        ChainruleException.requireNonNull(shape, "Generators: shape");
        return in -> matrix(in, shape, low, high);
    }

    /**
     * Matrices of one shape with entries in {@code [0.1, 3]}, for functions defined on positive
     * numbers only, such as {@code log}.
     *
     * @param shape the shape.
     * @return the generator.
     */
    public static Gen<Tensor> positiveMatrices(Shape shape) {
        return matrices(shape, 0.1, 3);
    }

    /**
     * One matrix drawn from {@code in}, entries multiples of {@code 0.001} in {@code [low, high]}
     * that shrink towards 0 (or the bound nearest 0).
     *
     * @param in the randomness source.
     * @param shape the shape.
     * @param low the smallest entry.
     * @param high the largest entry, {@code >= low}.
     * @return the matrix.
     */
    public static Tensor matrix(RandomnessSource in, Shape shape, double low, double high) {
        long lo = Math.round(Math.ceil(low / GRID));
        long hi = Math.round(Math.floor(high / GRID));
        if (lo > hi) {
            throw new IllegalArgumentException("no multiple of " + GRID + " lies in [" + low + ", " + high + "]");
        }
        Constraint entries = Constraint.between(lo, hi).withShrinkPoint(Math.max(lo, Math.min(hi, 0)));
        DMatrixRMaj m = new DMatrixRMaj(shape.rows(), shape.cols());
        for (int i = 0; i < shape.size(); i++) {
            m.data[i] = in.next(entries) * GRID;
        }
        return Tensor.adopt(m);
    }

    /**
     * {@code count} matrices of one random shape from {@link #shapes()}, entries in {@code [-3, 3]}.
     *
     * @param count how many, at least 1.
     * @return the generator.
     */
    public static Gen<List<Tensor>> sameShape(int count) {
        return sameShape(count, -3, 3);
    }

    /**
     * {@code count} matrices of one random shape from {@link #shapes()}, entries in
     * {@code [low, high]}.
     *
     * @param count how many, at least 1.
     * @param low the smallest entry.
     * @param high the largest entry.
     * @return the generator.
     */
    public static Gen<List<Tensor>> sameShape(int count, double low, double high) {
        return in -> {
            Shape shape = shapes().generate(in);
            List<Tensor> tensors = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                tensors.add(matrix(in, shape, low, high));
            }
            return List.copyOf(tensors);
        };
    }

    // ---- pairs ----

    /**
     * Pairs {@code (A, B)} that multiply: {@code A} is {@code m x k}, {@code B} is {@code k x n},
     * each dimension in {@code 1..8}, entries in {@code [-3, 3]}.
     *
     * @return the generator.
     */
    public static Gen<MatmulPair> matmulPairs() {
        return in -> {
            int m = dimension(in, MAX_DIMENSION);
            int k = dimension(in, MAX_DIMENSION);
            int n = dimension(in, MAX_DIMENSION);
            return new MatmulPair(matrix(in, new Shape(m, k), -3, 3), matrix(in, new Shape(k, n), -3, 3));
        };
    }

    /**
     * Pairs of operands that broadcast, in every layout of {@link BroadcastPair.Layout}, the
     * full operand {@code m x n} with {@code m, n} in {@code 1..8}.
     *
     * @return the generator.
     */
    public static Gen<BroadcastPair> broadcastPairs() {
        return in -> broadcastPair(in, BroadcastPair.Layout.values()[
                between(in, 0, BroadcastPair.Layout.values().length - 1)]);
    }

    /**
     * Pairs of operands in one layout, the full operand {@code m x n} with {@code m, n} in
     * {@code 1..8}.
     *
     * @param layout the layout.
     * @return the generator.
     */
    public static Gen<BroadcastPair> broadcastPairs(BroadcastPair.Layout layout) {
        ChainruleException.requireNonNull(layout, "Generators: layout");
        return in -> broadcastPair(in, layout);
    }

    private static BroadcastPair broadcastPair(RandomnessSource in, BroadcastPair.Layout layout) {
        Shape full = new Shape(dimension(in, MAX_DIMENSION), dimension(in, MAX_DIMENSION));
        Tensor big = matrix(in, full, -3, 3);
        Tensor small = matrix(in, layout.smallShape(full), -3, 3);
        return layout.smallOnLeft() ? new BroadcastPair(layout, small, big) : new BroadcastPair(layout, big, small);
    }

    // ---- operations ----

    /**
     * A {@link Draw} over QuickTheories' randomness: dimensions in {@code 1..8} shrinking
     * towards 1, values on the {@code 0.001} grid shrinking towards 0 (or the end of their
     * range nearest 0), so an operation case's counterexamples shrink like every other.
     *
     * @param in the randomness source.
     * @return the draw.
     */
    public static Draw draw(RandomnessSource in) {
        return new Draw() {
            @Override
            public int dimension() {
                return Generators.dimension(in, MAX_DIMENSION);
            }

            @Override
            public int between(int low, int high) {
                return Generators.between(in, low, high);
            }

            @Override
            public double value(double low, double high) {
                return Generators.matrix(in, Shape.scalar(), low, high).item();
            }
        };
    }

    /**
     * Examples of a listed operation ({@code GraphOperations.cases()}, {@code NnOperations.cases()}).
     *
     * @param operation the case.
     * @return the generator.
     */
    public static Gen<OperationExample> examples(OperationCase operation) {
        ChainruleException.requireNonNull(operation, "Generators: operation");
        return in -> operation.draw(draw(in));
    }

    /**
     * Examples of an operation that is not listed (a user's own, or a deliberately broken one):
     * inputs from {@code inputs}, readout weights of the output's shape.
     *
     * @param name the operation's name.
     * @param operation records the operation on the input nodes, e.g. {@code x -> x[0].tanh()}.
     * @param inputs generates the input tensors.
     * @return the generator.
     */
    public static Gen<OperationExample> examples(String name, Function<Node[], Node> operation, Gen<List<Tensor>> inputs) {
        return in -> OperationExample.draw(draw(in), name, operation, inputs.generate(in));
    }

    // ---- DAGs ----

    /**
     * Random DAG programs: see {@link DagProgram#generate}.
     *
     * @return the generator.
     */
    public static Gen<DagProgram> dags() {
        return DagProgram::generate;
    }

    /**
     * A whole number in {@code [low, high]} drawn from {@code in}, shrinking towards {@code low}.
     *
     * @param in the randomness source.
     * @param low the smallest value.
     * @param high the largest value.
     * @return the number.
     */
    public static int between(RandomnessSource in, int low, int high) {
        return (int) in.next(Constraint.between(low, high).withShrinkPoint(low));
    }

    private static void requirePositive(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the largest dimension must be at least 1, got " + max);
        }
    }
}
