package org.chainrule.examples.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.chainrule.core.Tensor;
import org.chainrule.graph.check.GradientCheck;
import org.chainrule.graph.check.GradientCheckResult;
import org.junit.jupiter.api.Test;

class MaxPoolingConvTest {

    @Test
    void theWholeNetworkPassesTheGradientCheckAwayFromItsKinks() {
        MaxPoolingConv.Signals data = MaxPoolingConv.Signals.seeded(6, 5);
        MaxPoolingConv net = new MaxPoolingConv(data, 3, 0);
        Random random = new Random(6);
        Tensor w = Tensor.normal(3, 3, 1, random);
        Tensor b = Tensor.normal(1, 3, 0.5, random);
        // Finite differences across relu's 0 or a tie for the max would be meaningless.
        double distance = distanceFromKinks(data.signals(), w, b);
        assertTrue(distance > 1e-3, "too close to a kink: " + distance);
        GradientCheckResult result = GradientCheck.defaults().assertGradients(net::loss, w, b,
                Tensor.normal(3, 1, 1, random), Tensor.normal(1, 1, 1, random));
        assertEquals(0, result.kinks().size(), result.kinks().toString());
    }

    /**
     * The smallest distance of a pre-activation from relu's kink at 0, and of a channel's
     * winning (positive) response from its runner-up.
     */
    private static double distanceFromKinks(Tensor signals, Tensor w, Tensor b) {
        double distance = Double.POSITIVE_INFINITY;
        int positions = signals.cols() - w.rows() + 1;
        for (int s = 0; s < signals.rows(); s++) {
            for (int c = 0; c < w.cols(); c++) {
                double best = 0;
                double second = 0;
                for (int i = 0; i < positions; i++) {
                    double pre = b.get(0, c);
                    for (int k = 0; k < w.rows(); k++) {
                        pre += signals.get(s, i + k) * w.get(k, c);
                    }
                    distance = Math.min(distance, Math.abs(pre));
                    second = Math.max(second, Math.min(best, pre));
                    best = Math.max(best, pre);
                }
                if (best > 0) {
                    distance = Math.min(distance, best - second);
                }
            }
        }
        return distance;
    }

    @Test
    void lossAndGradientsMatchPyTorch() throws IOException {
        ReferenceValues reference = ReferenceValues.load("conv-maxpool.txt");
        MaxPoolingConv.Signals data = new MaxPoolingConv.Signals(reference.get("signals"), reference.get("labels"));
        PyTorchAgreement.assertAgrees(new MaxPoolingConv(data, 3, 0), reference);
    }

    @Test
    void trainingFindsTheBumpsTheSameWayEveryTime() {
        GalleryNetwork.TrainingReport report = new MaxPoolingConv().train();
        System.out.println(report);
        assertTrue(report.learned(), report.toString());
        assertTrue(report.lossAfter() < report.lossBefore(), report.toString());
        assertEquals(report, new MaxPoolingConv().train());
    }
}
