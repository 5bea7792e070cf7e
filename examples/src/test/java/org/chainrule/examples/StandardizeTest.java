package org.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

class StandardizeTest {
    @Test
    void theTrainingFeaturesComeOutWithMeanZeroAndStandardDeviationOne() {
        Tensor x = Tensor.of(new double[][] {{1000, 7, -3}, {1004, 7, 5}, {1002, 7, 1}, {998, 7, 9}});
        Tensor z = Standardize.fittedTo(x).predict(x);
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
        Standardize standardize = Standardize.fittedTo(Tensor.of(new double[][] {{0, 10}, {2, 30}}));
        assertEquals(Tensor.of(new double[][] {{1, -2}}), standardize.predict(Tensor.of(new double[][] {{2, 0}})));
        assertTrue(standardize.parameters().isEmpty());
    }
}
