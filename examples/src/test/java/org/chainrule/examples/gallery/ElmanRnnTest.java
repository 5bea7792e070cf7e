package org.chainrule.examples.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.chainrule.core.Tensor;
import org.chainrule.graph.check.GradientCheck;
import org.junit.jupiter.api.Test;

class ElmanRnnTest {

    @Test
    void theWholeUnrolledNetworkPassesTheGradientCheck() {
        Random random = new Random(11);
        ElmanRnn net = new ElmanRnn(4, 12);
        GradientCheck.defaults().assertGradients(net::loss, Tensor.normal(1, 4, 1, random),
                Tensor.normal(4, 4, 1, random), Tensor.normal(1, 4, 1, random), Tensor.normal(4, 1, 1, random),
                Tensor.normal(1, 1, 1, random));
    }

    @Test
    void lossAndGradientsMatchPyTorch() throws IOException {
        ReferenceValues reference = ReferenceValues.load("elman-parity.txt");
        assertEquals(reference.get("x"), ElmanRnn.sequences());
        assertEquals(reference.get("parity"), ElmanRnn.parities());
        PyTorchAgreement.assertAgrees(new ElmanRnn(3, 0), reference);
    }

    @Test
    void trainingGetsEveryParityRightTheSameWayEveryTime() {
        GalleryNetwork.TrainingReport report = new ElmanRnn().train();
        System.out.println(report);
        assertTrue(report.learned(), report.toString());
        assertTrue(report.sample().startsWith("16/16 parities right"), report.sample());
        assertEquals(report, new ElmanRnn().train());
    }
}
