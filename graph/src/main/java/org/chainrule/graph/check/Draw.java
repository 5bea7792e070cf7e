package org.chainrule.graph.check;

import java.util.Random;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * Where the random shapes and values of an {@link OperationCase}'s examples come from: a
 * seeded {@link Random} in the {@code gradcheck} command ({@link #from(Random, int)}), or a
 * property-testing library's source in tests (whose draws can then shrink a counterexample).
 */
public interface Draw {
    /**
     * A dimension, from 1 to this source's largest.
     *
     * @return the dimension.
     */
    int dimension();

    /**
     * A whole number in {@code [low, high]}.
     *
     * @param low the smallest.
     * @param high the largest, at least {@code low}.
     * @return the number.
     */
    int between(int low, int high);

    /**
     * A value in {@code [low, high]}.
     *
     * @param low the smallest.
     * @param high the largest, at least {@code low}.
     * @return the value.
     */
    double value(double low, double high);

    /**
     * A matrix of values in {@code [low, high]}.
     *
     * @param rows its rows.
     * @param cols its columns.
     * @param low the smallest value.
     * @param high the largest value.
     * @return the matrix.
     */
    default Tensor matrix(int rows, int cols, double low, double high) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = value(low, high);
        }
        return Tensor.adopt(m);
    }

    /**
     * Draws from a seeded {@link Random}: dimensions uniform in {@code 1..maxDimension}, values
     * uniform in their range.
     *
     * @param random the source. Modified (advanced) by every draw.
     * @param maxDimension the largest dimension, at least 1.
     * @return the draw.
     * @throws ChainruleException if {@code random} is null or {@code maxDimension < 1}.
     */
    static Draw from(Random random, int maxDimension) {
        ChainruleException.requireNonNull(random, "Draw.from: random");
        if (maxDimension < 1) {
            throw new ChainruleException("Draw.from: the largest dimension must be at least 1, got " + maxDimension);
        }
        return new Draw() {
            @Override
            public int dimension() {
                return 1 + random.nextInt(maxDimension);
            }

            @Override
            public int between(int low, int high) {
                return low + random.nextInt(high - low + 1);
            }

            @Override
            public double value(double low, double high) {
                return low + (high - low) * random.nextDouble();
            }
        };
    }
}
