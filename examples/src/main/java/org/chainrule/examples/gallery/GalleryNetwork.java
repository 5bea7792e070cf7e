package org.chainrule.examples.gallery;

import java.util.List;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;

/**
 * A network of the gallery: a short, readable graph a user can copy, with its own small
 * synthetic task. Each one records its loss on its task's data in a graph, so that it can be
 * gradient-checked as a whole, compared with PyTorch at fixed weights, and trained.
 */
public interface GalleryNetwork {
    /**
     * The network's name on the command line, e.g. {@code tied-autoencoder}.
     *
     * @return the name.
     */
    String name();

    /**
     * One line on what the network is and what its task asks.
     *
     * @return the description.
     */
    String description();

    /**
     * Every trainable parameter, with the names the reference values use.
     *
     * @return the parameters, in a fixed order.
     */
    List<Parameter> parameters();

    /**
     * Records the network and its loss on the task's data, with its own parameters.
     *
     * @param graph the graph to record in.
     * @return the {@code 1x1} loss.
     */
    default Node loss(Graph graph) {
        return loss(graph, Networks.record(graph, parameters()));
    }

    /**
     * Records the network and its loss on the task's data, with given nodes in place of its
     * parameters (in {@link #parameters()}' order), so that a gradient checker can perturb them.
     *
     * @param graph the graph to record in.
     * @param parameters one node per parameter.
     * @return the {@code 1x1} loss.
     */
    Node loss(Graph graph, Node... parameters);

    /**
     * Trains the network with a fixed, seeded schedule and says what it learned.
     *
     * @return the report: loss before and after, and whether the task's criterion was met.
     */
    TrainingReport train();

    /**
     * What a gallery network learned.
     *
     * @param lossBefore the loss before training.
     * @param lossAfter the loss after training.
     * @param sample a sample prediction, in words.
     * @param learned whether the task's stated criterion was met.
     * @param criterion the criterion, in words (e.g. "all 16 parities right").
     */
    record TrainingReport(double lossBefore, double lossAfter, String sample, boolean learned, String criterion) {
    }
}
