package org.chainrule.examples.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Parameter;
import org.chainrule.graph.check.GradientCheck;
import org.junit.jupiter.api.Test;

class ResidualMlpTest {

    @Test
    void wholeNetworkGradientsMatchFiniteDifferences() {
        Tensor[] task = ResidualMlp.blobs(3, 3L);
        ResidualMlp network = new ResidualMlp(task[0], task[1], 5L);
        Tensor[] weights = network.parameters().stream().map(Parameter::value).toArray(Tensor[]::new);
        // relu's kink at 0 would make the finite differences meaningless: stay 1e-3 clear of it
        Graph graph = new Graph();
        Tensor preActivation = graph.constant(task[0]).matmul(graph.constant(weights[0])).add(graph.constant(weights[1]))
                .value();
        for (int i = 0; i < preActivation.size(); i++) {
            double z = preActivation.getFlat(i);
            assertTrue(Math.abs(z) > 1e-3, "pre-activation " + i + " is " + z + ", near relu's kink");
        }
        GradientCheck.defaults().assertGradients(network::loss, weights);
    }

    @Test
    void lossAndGradientsMatchPyTorch() throws IOException {
        ReferenceValues reference = ReferenceValues.load("residual-mlp.txt");
        PyTorchAgreement.assertAgrees(new ResidualMlp(reference.get("X"), reference.get("classes"), 0L), reference);
    }

    @Test
    void trainingClassifiesTheBlobsAndIsDeterministic() {
        GalleryNetwork.TrainingReport report = new ResidualMlp().train();
        System.out.println("residual-mlp: " + report);
        assertTrue(report.learned(), report.toString());
        assertTrue(report.lossAfter() < report.lossBefore(), report.toString());
        assertEquals(report.lossAfter(), new ResidualMlp().train().lossAfter());
    }
}
