package org.chainrule.examples;

import java.util.List;
import org.chainrule.core.Axis;
import org.chainrule.core.Broadcast;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Reductions;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Layer;
import org.ejml.data.DMatrixRMaj;

/**
 * Standardisation as a fixed first layer: {@code z = (x - mu) * s}, where {@code mu} is the
 * {@code 1 x n} row of feature means and {@code s} the row of reciprocal standard deviations
 * ({@code 1 / sigma_j}, or 1 for a feature that does not vary), both measured on the training
 * set and recorded as constants, so nothing about them is trained. Because it is part of the
 * network, the network takes raw features: the test set, and the points of a decision-boundary
 * picture, need no separate preprocessing.
 */
final class Standardize implements Layer {
    private final Tensor mean;
    private final Tensor inverseSpread;

    private Standardize(Tensor mean, Tensor inverseSpread) {
        this.mean = mean;
        this.inverseSpread = inverseSpread;
    }

    /**
     * Measures the features' means and standard deviations.
     *
     * @param features the training set's {@code m x n} features. Not modified.
     * @return the layer.
     */
    static Standardize fittedTo(Tensor features) {
        DMatrixRMaj x = features.matrixView();
        double m = x.numRows;
        DMatrixRMaj mu = Elementwise.scale(1 / m, Reductions.sum(x, Axis.EACH_COLUMN, null), null);
        DMatrixRMaj centred = Broadcast.add(x, Elementwise.scale(-1, mu, null), null);
        DMatrixRMaj variance = Elementwise.scale(1 / m,
                Reductions.sum(Elementwise.multiply(centred, centred, null), Axis.EACH_COLUMN, null), null);
        DMatrixRMaj inverse = new DMatrixRMaj(1, x.numCols);
        for (int j = 0; j < x.numCols; j++) {
            double sigma = Math.sqrt(variance.data[j]);
            inverse.data[j] = sigma > 0 ? 1 / sigma : 1;
        }
        return new Standardize(Tensor.adopt(mu), Tensor.adopt(inverse));
    }

    /** None: the statistics are constants. */
    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    /**
     * Records {@code (x - mu) * s}.
     *
     * @param x the {@code m x n} raw features.
     * @return the standardised features.
     */
    @Override
    public Node apply(Node x) {
        return x.sub(x.graph().constant("mean", mean)).mul(x.graph().constant("1/std", inverseSpread));
    }

    @Override
    public String toString() {
        return "standardize";
    }
}
