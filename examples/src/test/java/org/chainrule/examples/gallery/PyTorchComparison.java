package org.chainrule.examples.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;

/**
 * Compares a gallery network's loss and parameter gradients with PyTorch's at PyTorch's
 * weights: each value within {@code 1e-10} relative or {@code 1e-12} absolute. The reference
 * names each parameter's gradient {@code grad_<name>}.
 */
final class PyTorchComparison {
    private static final double RELATIVE = 1e-10;
    private static final double ABSOLUTE = 1e-12;

    private double largestRelativeError;

    private PyTorchComparison() {
    }

    /**
     * Sets the network's weights to the reference's, records its loss, runs backward and
     * asserts the loss and every gradient; prints the largest relative error found.
     *
     * @param network the network, built on the reference's task data. Modified (its weights).
     * @param reference the reference values.
     */
    static void assertMatches(GalleryNetwork network, ReferenceValues reference) {
        for (Parameter p : network.parameters()) {
            p.setValue(reference.get(p.name()));
            p.zeroGradient();
        }
        Graph graph = new Graph();
        Node loss = network.loss(graph);
        graph.backward(loss);
        PyTorchComparison comparison = new PyTorchComparison();
        comparison.compare("loss", reference.get("loss"), loss.value());
        for (Parameter p : network.parameters()) {
            comparison.compare("grad_" + p.name(), reference.get("grad_" + p.name()), p.gradient());
        }
        System.out.println(network.name() + ": largest relative error vs PyTorch: " + comparison.largestRelativeError);
    }

    private void compare(String name, Tensor expected, Tensor actual) {
        assertEquals(expected.shape(), actual.shape(), name);
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getFlat(i);
            double error = Math.abs(actual.getFlat(i) - e);
            if (e != 0) {
                largestRelativeError = Math.max(largestRelativeError, error / Math.abs(e));
            }
            assertTrue(error <= RELATIVE * Math.abs(e) || error <= ABSOLUTE,
                    name + "[" + i + "]: Chainrule " + actual.getFlat(i) + ", PyTorch " + e);
        }
    }
}
