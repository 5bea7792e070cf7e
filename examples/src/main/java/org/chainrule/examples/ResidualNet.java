package org.chainrule.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.chainrule.core.ChainruleException;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Init;
import org.chainrule.nn.Layer;
import org.chainrule.nn.Linear;
import org.chainrule.nn.Module;

/**
 * The demo's network, a graph that is not a plain stack: a tanh layer, then residual blocks
 * whose skip connections add each block's input to its output, then a linear score.
 * Examples are rows:
 * <pre>
 *   h0    = tanh(x W0 + b0)
 *   h_i   = h_(i-1) + tanh(h_(i-1) W_i + b_i)      for each block i = 1..k
 *   score = h_k W_out + b_out,     P(class 1) = sigmoid(score)
 * </pre>
 * Every {@code h_(i-1)} feeds two consumers, the block's product and the skip addition, so
 * the backward pass adds two contributions into its gradient:
 * {@code dL/dh_(i-1) = dL/dh_i + (dL/dh_i * (1 - t_i^2)) W_i^T} with {@code t_i} the block's
 * tanh. The identity path is why deep residual networks train: the gradient reaches early
 * layers without passing through every saturating tanh.
 *
 * <p>The recorded nodes are named {@code h0}, {@code h1}, ..., {@code score}, so traces and
 * pictures of the graph read like the equations.
 */
final class ResidualNet implements Layer {
    private final Linear input;
    private final List<Linear> blocks;
    private final Linear output;
    private final List<Parameter> parameters;

    /**
     * A network from its layers.
     *
     * @param input the first layer, {@code n -> w}.
     * @param blocks the residual blocks' layers, each {@code w -> w}. Not modified (copied).
     * @param output the score layer, {@code w -> 1}.
     * @throws ChainruleException if the widths do not chain.
     */
    ResidualNet(Linear input, List<Linear> blocks, Linear output) {
        int width = input.outputs();
        for (Linear block : blocks) {
            if (block.inputs() != width || block.outputs() != width) {
                throw new ChainruleException("residual net: block " + block + " must map " + width + " units to " + width
                        + ", so that its input can be added to its output");
            }
        }
        if (output.inputs() != width || output.outputs() != 1) {
            throw new ChainruleException("residual net: the output layer " + output + " must map " + width
                    + " units to 1 score");
        }
        this.input = input;
        this.blocks = List.copyOf(blocks);
        this.output = output;
        List<Module> layers = new ArrayList<>();
        layers.add(input);
        layers.addAll(this.blocks);
        layers.add(output);
        this.parameters = Module.parametersOf(layers.toArray(new Module[0]));
    }

    /**
     * A freshly initialised network (Glorot uniform weights, zero biases).
     *
     * @param features the number of input features.
     * @param width the units per layer.
     * @param blocks the number of residual blocks.
     * @param seed the seed of the weights.
     * @return the network.
     */
    static ResidualNet create(int features, int width, int blocks, long seed) {
        Random random = new Random(seed);
        Linear input = new Linear("layer0", features, width, Init.GLOROT_UNIFORM, random);
        List<Linear> inner = new ArrayList<>();
        for (int i = 1; i <= blocks; i++) {
            inner.add(new Linear("block" + i, width, width, Init.GLOROT_UNIFORM, random));
        }
        return new ResidualNet(input, inner, new Linear("out", width, 1, Init.GLOROT_UNIFORM, random));
    }

    /**
     * The same architecture on other parameters, given in {@link #parameters()} order (each
     * layer's weight, then its bias). The gradient check uses it to run this network on
     * the parameters it differentiates by.
     *
     * @param replacements one parameter per parameter of this network, shaped alike.
     * @return the network on the replacements.
     * @throws ChainruleException if the count is wrong; a shape that does not fit is reported
     *     by {@link Linear#of} or by the width checks.
     */
    ResidualNet on(List<Parameter> replacements) {
        if (replacements.size() != parameters.size()) {
            throw new ChainruleException("residual net: needs " + parameters.size() + " parameters, got "
                    + replacements.size());
        }
        List<Linear> inner = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            inner.add(Linear.of(replacements.get(2 + 2 * i), replacements.get(3 + 2 * i)));
        }
        int last = replacements.size() - 2;
        return new ResidualNet(Linear.of(replacements.get(0), replacements.get(1)), inner,
                Linear.of(replacements.get(last), replacements.get(last + 1)));
    }

    /**
     * The units per layer.
     *
     * @return {@code w}.
     */
    int width() {
        return input.outputs();
    }

    /**
     * The number of residual blocks, each with one skip connection.
     *
     * @return {@code k}.
     */
    int blockCount() {
        return blocks.size();
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Records the network on a batch.
     *
     * @param x the {@code m x n} batch, examples as rows.
     * @return the {@code m x 1} scores.
     */
    @Override
    public Node apply(Node x) {
        Node h = input.apply(x).tanh().setName("h0");
        for (int i = 0; i < blocks.size(); i++) {
            h = h.add(blocks.get(i).apply(h).tanh()).setName("h" + (i + 1));
        }
        return output.apply(h).setName("score");
    }

    /**
     * The equations, one per line: {@code h0 = tanh(x W0 + b0)}, {@code h1 = h0 + tanh(h0 W1 + b1)},
     * ..., {@code score = hk W_out + b_out}.
     *
     * @return the lines.
     */
    List<String> equations() {
        List<String> lines = new ArrayList<>();
        lines.add("h0 = tanh(x W0 + b0)");
        for (int i = 1; i <= blocks.size(); i++) {
            lines.add("h" + i + " = h" + (i - 1) + " + tanh(h" + (i - 1) + " W" + i + " + b" + i + ")");
        }
        lines.add("score = h" + blocks.size() + " W_out + b_out");
        return lines;
    }

    @Override
    public String toString() {
        return "ResidualNet(" + input.inputs() + " -> " + width() + ", " + blocks.size() + " residual blocks, -> 1)";
    }
}
