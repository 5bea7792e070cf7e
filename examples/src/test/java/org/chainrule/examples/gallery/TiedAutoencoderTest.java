package org.chainrule.examples.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Parameter;
import org.chainrule.graph.check.GradientCheck;
import org.junit.jupiter.api.Test;

class TiedAutoencoderTest {

    @Test
    void wholeNetworkGradientsMatchFiniteDifferences() {
        TiedAutoencoder network = new TiedAutoencoder(TiedAutoencoder.points(5, 3L), 4L);
        GradientCheck.defaults().assertGradients(network::loss,
                network.parameters().stream().map(Parameter::value).toArray(Tensor[]::new));
    }

    @Test
    void lossAndGradientsMatchPyTorch() throws IOException {
        ReferenceValues reference = ReferenceValues.load("tied-autoencoder.txt");
        PyTorchAgreement.assertAgrees(new TiedAutoencoder(reference.get("X"), 0L), reference);
    }

    @Test
    void trainingReconstructsThePointsAndIsDeterministic() {
        GalleryNetwork.TrainingReport report = new TiedAutoencoder().train();
        System.out.println("tied-autoencoder: " + report);
        assertTrue(report.learned(), report.toString());
        assertTrue(report.lossAfter() < TiedAutoencoder.CRITERION * report.lossBefore(), report.toString());
        assertEquals(report.lossAfter(), new TiedAutoencoder().train().lossAfter());
    }
}
