package org.chainrule.nn;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.ejml.data.DMatrixRMaj;

/**
 * Per-column standardisation measured on a training set: {@code z = (x - mu) / sigma}, with
 * {@code mu} the {@code 1 x n} row of column means and {@code sigma} the row of population
 * standard deviations (1 for a column that does not vary, so it is only centred). Immutable.
 *
 * <p>Features are standardised by a fixed first layer ({@link #standardizing()}), so that the
 * model takes raw features; regression targets are standardised for training and a fixed last
 * layer ({@link #restoring()}, {@code y = z sigma + mu}) puts predictions back in the data's
 * units. Both layers record the statistics as constants: nothing about them is trained.
 *
 * @param mean the {@code 1 x n} column means.
 * @param spread the {@code 1 x n} standard deviations, each positive.
 */
public record Standardization(Tensor mean, Tensor spread) {

    /**
     * Checks the statistics.
     *
     * @param mean the {@code 1 x n} column means, finite.
     * @param spread the {@code 1 x n} standard deviations, positive and finite.
     * @throws ChainruleException if the shapes differ or are not one row, a value is out of
     *     range, or an argument is null.
     */
    public Standardization {
        ChainruleException.requireNonNull(mean, "standardization: mean");
        ChainruleException.requireNonNull(spread, "standardization: spread");
        if (mean.rows() != 1 || !mean.shape().equals(spread.shape())) {
            throw new ChainruleException("standardization: mean " + mean.shape() + " and spread " + spread.shape()
                    + " must be two rows of the same width");
        }
        for (int j = 0; j < mean.cols(); j++) {
            if (!Double.isFinite(mean.get(0, j)) || !(spread.get(0, j) > 0) || !Double.isFinite(spread.get(0, j))) {
                throw new ChainruleException("standardization: column " + j + " has mean " + mean.get(0, j)
                        + " and spread " + spread.get(0, j) + ": need a finite mean and a positive finite spread");
            }
        }
    }

    /**
     * Measures each column's mean and population standard deviation without overflow or
     * underflow: each column is first scaled by the power of two {@code 2^-e} that brings its
     * largest magnitude into {@code [1, 2)}, then measured in two passes (so a large offset does
     * not cancel the spread away), and the results are scaled back by {@code 2^e}. Scaling by a
     * power of two is exact, so data whose plain computation stays in range gets the very same
     * bits; columns of values near {@code 1e-300} or {@code 1e307} get their true spread rather
     * than 0 or infinity. A constant column gets a spread of 1.
     *
     * @param data {@code m x n}, {@code m >= 1}. Not modified.
     * @return the statistics.
     * @throws ChainruleException if {@code data} is null, or a column holds a value that is not
     *     finite.
     */
    public static Standardization fittedTo(Tensor data) {
        DMatrixRMaj x = ChainruleException.requireNonNull(data, "standardization: data").matrixView();
        int m = x.numRows;
        int n = x.numCols;
        double[] mu = new double[n];
        double[] sigma = new double[n];
        for (int j = 0; j < n; j++) {
            double c = 0;
            for (int i = 0; i < m; i++) {
                double v = x.unsafe_get(i, j);
                if (!Double.isFinite(v)) {
                    throw new ChainruleException("standardization: column " + j + ", row " + i + " is " + v
                            + ": every value must be finite");
                }
                c = Math.max(c, Math.abs(v));
            }
            if (c == 0) {
                sigma[j] = 1; // all zeros: nothing to centre or scale
                continue;
            }
            int e = Math.getExponent(c);
            double sum = 0;
            for (int i = 0; i < m; i++) {
                sum += Math.scalb(x.unsafe_get(i, j), -e);
            }
            double scaledMean = sum / m;
            double squares = 0;
            for (int i = 0; i < m; i++) {
                double d = Math.scalb(x.unsafe_get(i, j), -e) - scaledMean;
                squares += d * d;
            }
            double spread = Math.scalb(Math.sqrt(squares / m), e);
            mu[j] = Math.scalb(scaledMean, e);
            sigma[j] = spread > 0 ? spread : 1;
        }
        return new Standardization(Tensor.row(mu), Tensor.row(sigma));
    }

    /**
     * The number of columns.
     *
     * @return {@code n}.
     */
    public int width() {
        return mean.cols();
    }

    /**
     * Standardises values: {@code (x - mu) / sigma}, column by column.
     *
     * @param x {@code m x n}. Not modified.
     * @return a new tensor.
     * @throws ChainruleException if the width differs or {@code x} is null.
     */
    public Tensor standardize(Tensor x) {
        return map(x, false);
    }

    /**
     * Puts standardised values back in the data's units: {@code z sigma + mu}.
     *
     * @param z {@code m x n}. Not modified.
     * @return a new tensor.
     * @throws ChainruleException if the width differs or {@code z} is null.
     */
    public Tensor restore(Tensor z) {
        return map(z, true);
    }

    /**
     * Records {@code (x - mu) / sigma} on a node, for a loss on standardised values.
     *
     * @param x {@code m x n}.
     * @return the standardised node.
     */
    public Node standardize(Node x) {
        ChainruleException.requireNonNull(x, "standardization: node");
        return x.sub(x.graph().constant("mean", mean)).div(x.graph().constant("std", spread));
    }

    /**
     * A fixed layer computing {@code (x - mu) / sigma}: the first layer of a model that takes raw features.
     *
     * @return the layer, with no parameters.
     */
    public Layer standardizing() {
        return new Fixed("standardize", this::standardize);
    }

    /**
     * A fixed layer computing {@code z sigma + mu}: the last layer of a regression model
     * trained on standardised targets, so its predictions are in the data's units.
     *
     * @return the layer, with no parameters.
     */
    public Layer restoring() {
        return new Fixed("restore units", z -> z.mul(z.graph().constant("std", spread))
                .add(z.graph().constant("mean", mean)));
    }

    private Tensor map(Tensor x, boolean restore) {
        ChainruleException.requireNonNull(x, "standardization: values");
        if (x.cols() != width()) {
            throw new ChainruleException("standardization: values have " + x.cols() + " columns but the statistics "
                    + width());
        }
        DMatrixRMaj in = x.matrixView();
        DMatrixRMaj out = new DMatrixRMaj(in.numRows, in.numCols);
        for (int i = 0; i < in.numRows; i++) {
            for (int j = 0; j < in.numCols; j++) {
                double v = in.unsafe_get(i, j);
                out.unsafe_set(i, j, restore ? v * spread.get(0, j) + mean.get(0, j)
                        : (v - mean.get(0, j)) / spread.get(0, j));
            }
        }
        return Tensor.adopt(out);
    }

    /** A layer with no parameters, given by a function on nodes. */
    private record Fixed(String name, java.util.function.UnaryOperator<Node> function) implements Layer {
        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public Node apply(Node input) {
            return function.apply(input);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
