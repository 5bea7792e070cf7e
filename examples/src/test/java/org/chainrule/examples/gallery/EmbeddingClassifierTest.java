package org.chainrule.examples.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Parameter;
import org.chainrule.graph.check.GradientCheck;
import org.junit.jupiter.api.Test;

class EmbeddingClassifierTest {

    @Test
    void wholeNetworkGradientsMatchFiniteDifferences() {
        Tensor[] task = EmbeddingClassifier.sentences(6, 3L);
        EmbeddingClassifier network = new EmbeddingClassifier(task[0], task[1], 4L);
        GradientCheck.defaults().assertGradients(network::loss,
                network.parameters().stream().map(Parameter::value).toArray(Tensor[]::new));
    }

    @Test
    void lossAndGradientsMatchPyTorch() throws IOException {
        ReferenceValues reference = ReferenceValues.load("embedding-bag.txt");
        PyTorchAgreement.assertAgrees(
                new EmbeddingClassifier(reference.get("sentences"), reference.get("classes"), 0L), reference);
    }

    @Test
    void trainingClassifiesEverySentenceAndIsDeterministic() {
        GalleryNetwork.TrainingReport report = new EmbeddingClassifier().train();
        System.out.println("embedding-bag: " + report);
        assertTrue(report.learned(), report.toString());
        assertTrue(report.lossAfter() < report.lossBefore(), report.toString());
        assertEquals(report.lossAfter(), new EmbeddingClassifier().train().lossAfter());
    }
}
