package org.chainrule.examples.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.chainrule.core.Tensor;
import org.chainrule.graph.check.GradientCheck;
import org.junit.jupiter.api.Test;

class SelfAttentionTest {

    @Test
    void theWholeNetworkPassesTheGradientCheck() {
        Random random = new Random(7);
        SelfAttention net = new SelfAttention(Tensor.normal(5, 4, 1, random), Tensor.normal(5, 4, 1, random), 8);
        // gamma and beta away from their 1 and 0, so that their paths carry something.
        GradientCheck.defaults().assertGradients(net::loss, Tensor.normal(4, 4, 0.5, random),
                Tensor.normal(4, 4, 0.5, random), Tensor.normal(4, 4, 0.5, random),
                Tensor.uniform(1, 4, 0.5, 1.5, random), Tensor.normal(1, 4, 0.3, random));
    }

    @Test
    void lossAndGradientsMatchPyTorch() throws IOException {
        ReferenceValues reference = ReferenceValues.load("self-attention.txt");
        PyTorchAgreement.assertAgrees(new SelfAttention(reference.get("x"), reference.get("target"), 0), reference);
    }

    @Test
    void trainingHalvesTheLossTheSameWayEveryTime() {
        GalleryNetwork.TrainingReport report = new SelfAttention().train();
        System.out.println(report);
        assertTrue(report.learned(), report.toString());
        assertTrue(report.lossAfter() < report.lossBefore() / 2, report.toString());
        assertEquals(report, new SelfAttention().train());
    }
}
