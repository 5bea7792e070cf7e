package org.chainrule.examples.gallery;

import java.util.List;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.optim.Adam;
import org.chainrule.nn.optim.Optimizer;

/**
 * What the gallery's networks share: recording their parameters, and the training loop,
 * full-batch Adam for a fixed number of steps (each step zeroes the gradients, records the
 * network's loss in a fresh graph, runs backward and steps).
 */
final class Networks {
    private Networks() {
    }

    /**
     * Records parameters in a graph.
     *
     * @param graph the graph.
     * @param parameters the parameters.
     * @return their nodes, in order.
     */
    static Node[] record(Graph graph, List<Parameter> parameters) {
        return parameters.stream().map(graph::parameter).toArray(Node[]::new);
    }

    /**
     * Trains a network in place.
     *
     * @param network the network. Modified (its parameters).
     * @param learningRate Adam's learning rate.
     * @param steps the number of full-batch steps.
     * @return the loss after the last step.
     */
    static double trainWithAdam(GalleryNetwork network, double learningRate, int steps) {
        Optimizer optimizer = new Adam(network.parameters(), learningRate);
        for (int step = 0; step < steps; step++) {
            optimizer.zeroGradients();
            Graph graph = new Graph();
            graph.backward(network.loss(graph));
            optimizer.step();
        }
        return lossOf(network);
    }

    /**
     * The network's loss at its current parameters.
     *
     * @param network the network. Not modified.
     * @return the loss.
     */
    static double lossOf(GalleryNetwork network) {
        return network.loss(new Graph()).value().item();
    }
}
