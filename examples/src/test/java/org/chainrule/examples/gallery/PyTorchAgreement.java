package org.chainrule.examples.gallery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;

/**
 * Compares a gallery network's loss and parameter gradients with PyTorch's: sets every
 * parameter to the reference weights (named like the parameter), records the loss, runs
 * backward, and checks the loss ({@code loss}) and each gradient ({@code grad_<name>})
 * element by element, within {@value #RELATIVE} relative or {@value #ABSOLUTE} absolute.
 */
final class PyTorchAgreement {
    static final double RELATIVE = 1e-10;
    static final double ABSOLUTE = 1e-12;

    private double largestRelativeError;

    private PyTorchAgreement() {
    }

    /**
     * Checks a network, whose task data must already be the reference inputs, and prints the
     * largest relative error found.
     *
     * @param network the network. Modified (its weights and gradients).
     * @param reference the reference values.
     * @return the largest relative error over the loss and every gradient element.
     * @throws AssertionError naming the first value that disagrees.
     */
    static double assertAgrees(GalleryNetwork network, ReferenceValues reference) {
        for (Parameter p : network.parameters()) {
            p.setValue(reference.get(p.name()));
            p.zeroGradient();
        }
        Graph graph = new Graph();
        Node loss = network.loss(graph);
        graph.backward(loss);
        PyTorchAgreement agreement = new PyTorchAgreement();
        agreement.compare(network.name() + " loss", loss.value(), reference.get("loss"));
        for (Parameter p : network.parameters()) {
            agreement.compare(network.name() + " dL/d" + p.name(), p.gradient(), reference.get("grad_" + p.name()));
        }
        System.out.println(network.name() + ": largest relative error vs PyTorch: " + agreement.largestRelativeError);
        return agreement.largestRelativeError;
    }

    private void compare(String what, Tensor actual, Tensor expected) {
        assertTrue(actual.shape().equals(expected.shape()),
                what + " is " + actual.shape() + ", PyTorch's is " + expected.shape());
        for (int i = 0; i < expected.size(); i++) {
            double a = actual.getFlat(i);
            double e = expected.getFlat(i);
            double error = Math.abs(a - e);
            if (e != 0) {
                largestRelativeError = Math.max(largestRelativeError, error / Math.abs(e));
            }
            assertTrue(error <= RELATIVE * Math.abs(e) || error <= ABSOLUTE,
                    what + " element " + i + " is " + a + ", PyTorch's is " + e + " (error " + error + ")");
        }
    }
}
