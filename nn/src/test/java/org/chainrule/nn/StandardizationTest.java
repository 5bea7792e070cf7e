package org.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

class StandardizationTest {
    /** Scaled first, so neither squares nor sums leave the double range: 1e-300, 1e160 and 1e307 all standardise. */
    @Test
    void extremeMagnitudesStandardiseWithoutOverflowOrUnderflow() {
        for (double scale : new double[] {1e-300, 1e160, 1e307}) {
            Tensor x = Tensor.of(new double[][] {{1 * scale, -1 * scale}, {3 * scale, 1 * scale}, {-1 * scale, 0.5 * scale},
                    {5 * scale, -0.5 * scale}});
            Standardization s = Standardization.fittedTo(x);
            Tensor z = s.standardizing().predict(x);
            for (int j = 0; j < 2; j++) {
                double mean = 0;
                double squares = 0;
                for (int i = 0; i < 4; i++) {
                    mean += z.get(i, j) / 4;
                    squares += z.get(i, j) * z.get(i, j) / 4;
                }
                assertEquals(0, mean, 1e-12, "mean of column " + j + " at scale " + scale);
                assertEquals(1, squares, 1e-12, "variance of column " + j + " at scale " + scale);
            }
            assertEquals(2 * scale, s.mean().get(0, 0), 1e-12 * scale, "the mean in the data's units at " + scale);
        }
    }

    @Test
    void theTrainingFeaturesComeOutWithMeanZeroAndStandardDeviationOne() {
        Tensor x = Tensor.of(new double[][] {{1000, 7, -3}, {1004, 7, 5}, {1002, 7, 1}, {998, 7, 9}});
        Tensor z = Standardization.fittedTo(x).standardizing().predict(x);
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            double square = 0;
            for (int i = 0; i < 4; i++) {
                mean += z.get(i, j) / 4;
                square += z.get(i, j) * z.get(i, j) / 4;
            }
            assertEquals(0, mean, 1e-12, "column " + j);
            assertEquals(j == 1 ? 0 : 1, square, 1e-12, "column " + j + " (column 1 is constant: centred only)");
        }
        // column 0: mean 1001, population standard deviation sqrt(5)
        assertEquals(3 / Math.sqrt(5), z.get(1, 0), 1e-12);
    }

    @Test
    void otherPointsAreScaledWithTheTrainingStatisticsAndNothingIsTrained() {
        Layer standardize = Standardization.fittedTo(Tensor.of(new double[][] {{0, 10}, {2, 30}})).standardizing();
        assertEquals(Tensor.of(new double[][] {{1, -2}}), standardize.predict(Tensor.of(new double[][] {{2, 0}})));
        assertTrue(standardize.parameters().isEmpty());
    }

    @Test
    void restoringUndoesStandardizingInTheDataUnits() {
        Tensor y = Tensor.of(new double[][] {{250.5, -3}, {120, 4}, {310.25, 8}});
        Standardization s = Standardization.fittedTo(y);
        Tensor z = s.standardize(y);
        assertEquals(z, s.standardizing().predict(y));
        Tensor back = s.restoring().predict(z);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(y.get(i, j), back.get(i, j), 1e-12);
                assertEquals(y.get(i, j), s.restore(z).get(i, j), 1e-12);
            }
        }
    }
}
