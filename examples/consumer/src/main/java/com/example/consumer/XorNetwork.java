package com.example.consumer;

import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.nn.Activation;
import org.chainrule.nn.Mlp;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.optim.Adam;
import org.chainrule.nn.train.Trainer;

/** A tiny network a user trains: 2-8-1 with tanh, on the four points of XOR. */
public final class XorNetwork {
    /** The four inputs of XOR, one per row. */
    public static final Tensor INPUTS = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    /** Their labels, one per row. */
    public static final Tensor LABELS = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});

    private XorNetwork() {
    }

    /**
     * Trains the network with Adam for {@code steps} full-batch steps.
     *
     * @param steps how many steps.
     * @return the trained network.
     */
    public static Sequential train(int steps) {
        Sequential net = Mlp.builder(2).hidden(8, Activation.TANH).output(1, Activation.IDENTITY).seed(7).build();
        Trainer trainer = Trainer.builder(net, Losses.SIGMOID_CROSS_ENTROPY, new Adam(net.parameters(), 0.05)).build();
        for (int i = 0; i < steps; i++) {
            trainer.step(INPUTS, LABELS);
        }
        return net;
    }

    /**
     * The network's scores (before the sigmoid) for the four XOR inputs.
     *
     * @param net a network from {@link #train(int)}.
     * @return a 4x1 tensor of scores.
     */
    public static Tensor scores(Sequential net) {
        Graph graph = new Graph();
        Node out = net.apply(graph.constant(INPUTS));
        return out.value();
    }
}
