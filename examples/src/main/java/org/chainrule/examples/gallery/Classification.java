package org.chainrule.examples.gallery;

import org.chainrule.core.Tensor;

/** Reading classes off a classifier's scores or probabilities (examples as rows). */
final class Classification {
    private Classification() {
    }

    /**
     * The row's highest-scoring class (the first, on a tie).
     *
     * @param scores {@code m x k} scores or probabilities. Not modified.
     * @param row the example.
     * @return its class, in {@code [0, k)}.
     */
    static int predicted(Tensor scores, int row) {
        int best = 0;
        for (int k = 1; k < scores.cols(); k++) {
            if (scores.get(row, k) > scores.get(row, best)) {
                best = k;
            }
        }
        return best;
    }

    /**
     * The fraction of examples whose predicted class is their label.
     *
     * @param scores {@code m x k} scores or probabilities. Not modified.
     * @param labels the {@code m x 1} classes. Not modified.
     * @return the accuracy, in {@code [0, 1]}.
     */
    static double accuracy(Tensor scores, Tensor labels) {
        int right = 0;
        for (int i = 0; i < labels.rows(); i++) {
            right += predicted(scores, i) == (int) labels.get(i, 0) ? 1 : 0;
        }
        return (double) right / labels.rows();
    }
}
