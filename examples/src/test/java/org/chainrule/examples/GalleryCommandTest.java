package org.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chainrule.examples.gallery.Gallery;
import org.chainrule.examples.gallery.GalleryNetwork;
import org.junit.jupiter.api.Test;

class GalleryCommandTest {
    private final Console console = new Console();

    @Test
    void listNamesEveryNetworkWithItsTask() {
        assertEquals(0, console.run("gallery", "--list"), console.both());
        for (GalleryNetwork network : Gallery.networks()) {
            assertTrue(console.out().contains(network.name() + " "), console.out());
            assertTrue(console.out().contains(network.description()), console.out());
        }
    }

    @Test
    void everyNetworkPassesItsGradientCheckAndLearnsItsTask() {
        for (GalleryNetwork network : Gallery.networks()) {
            Console run = new Console();
            assertEquals(0, run.run("gallery", network.name()), run.both());
            String out = run.out();
            assertTrue(out.contains("graph: "), out);
            assertTrue(out.contains("gradient check: passed"), out);
            assertTrue(out.contains("training: loss "), out);
            assertTrue(out.contains("learned: "), out);
        }
    }

    @Test
    void anUnknownNetworkIsAUsageErrorNamingTheKnownOnes() {
        assertEquals(2, console.run("gallery", "perceptron"));
        assertTrue(console.err().contains("unknown network 'perceptron': known are tied-autoencoder"), console.err());
    }
}
