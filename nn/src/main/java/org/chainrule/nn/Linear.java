package org.chainrule.nn;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.ops.Affine;

/**
 * A fully connected layer with examples as rows: {@code Y = X W + b}, where {@code X} is
 * {@code m x n} (m examples, n features), {@code W} is {@code n x p}, the bias {@code b} is a
 * {@code 1 x p} row broadcast over the m rows, and {@code Y} is {@code m x p}.
 *
 * <p>Recorded as one {@link Affine} node (a layer without bias: one matmul node). Backward
 * (done by the graph): {@code dW = X^T dY}, {@code db = } column sums of {@code dY},
 * {@code dX = dY W^T}.
 *
 * <p>A layer owns its parameters unless it is built from existing ones with
 * {@link #of(Parameter, Parameter)}; two layers built on the same weight share it, and the
 * weight's gradient is the sum over both uses:
 * <pre>{@code
 * Parameter w = new Parameter("shared.weight", Init.GLOROT_UNIFORM.sample(4, 4, new Random(3)));
 * Layer twice = Sequential.of(
 *         Linear.of(w, new Parameter("first.bias", Tensor.zeros(1, 4))), Activation.TANH,
 *         Linear.of(w, new Parameter("second.bias", Tensor.zeros(1, 4))), Activation.TANH);
 * // twice.parameters() lists shared.weight once, then the two biases.
 * }</pre>
 */
public final class Linear implements Layer {
    private static final String WEIGHT_SUFFIX = ".weight";
    private final Parameter weight;
    private final Parameter bias;

    /**
     * A layer with a fresh weight drawn by {@code init} and a zero bias, named
     * {@code name.weight} and {@code name.bias}.
     *
     * @param name the layer's name, the prefix of its parameters' names.
     * @param inputs {@code n}, the number of input features, at least 1.
     * @param outputs {@code p}, the number of outputs, at least 1.
     * @param init how to draw the weight.
     * @param random the seeded source of randomness. Modified (advanced).
     * @throws ChainruleException if an argument is null, the name is blank, or a width is
     *     less than 1.
     */
    public Linear(String name, int inputs, int outputs, Init init, Random random) {
        this(new Parameter(requireName(name) + ".weight", sample(name, inputs, outputs, init, random)),
                new Parameter(name + ".bias", Tensor.zeros(1, outputs)));
    }

    private Linear(Parameter weight, Parameter bias) {
        this.weight = ChainruleException.requireNonNull(weight, "linear: weight");
        this.bias = bias;
        if (bias != null && !(bias.shape().rows() == 1 && bias.shape().cols() == weight.shape().cols())) {
            throw new ShapeMismatchException("linear: weight '" + weight.name() + "' is " + weight.shape()
                    + " but bias '" + bias.name() + "' is " + bias.shape() + ": the bias must be a 1x"
                    + weight.shape().cols() + " row, one entry per output");
        }
    }

    /**
     * A layer on existing parameters, for example a weight shared with another layer.
     *
     * @param weight {@code W}, {@code n x p}.
     * @param bias {@code b}, {@code 1 x p}.
     * @return the layer.
     * @throws ShapeMismatchException if the bias is not a {@code 1 x p} row.
     * @throws ChainruleException if an argument is null.
     */
    public static Linear of(Parameter weight, Parameter bias) {
        return new Linear(weight, ChainruleException.requireNonNull(bias, "linear: bias (use withoutBias for none)"));
    }

    /**
     * A layer with no bias, {@code Y = X W}, on an existing weight.
     *
     * @param weight {@code W}, {@code n x p}.
     * @return the layer.
     * @throws ChainruleException if {@code weight} is null.
     */
    public static Linear withoutBias(Parameter weight) {
        return new Linear(weight, null);
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new ChainruleException("linear: a layer needs a non-blank name (its parameters are named after it),"
                    + " got " + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    private static Tensor sample(String name, int inputs, int outputs, Init init, Random random) {
        if (inputs < 1 || outputs < 1) {
            throw new ChainruleException("linear '" + name + "': needs at least 1 input and 1 output, got " + inputs
                    + " -> " + outputs);
        }
        ChainruleException.requireNonNull(init, "linear '" + name + "': init");
        return init.sample(inputs, outputs, ChainruleException.requireNonNull(random, "linear '" + name + "': random"));
    }

    /**
     * The layer's name: its weight's name without the {@code .weight} suffix that
     * {@link #Linear(String, int, int, Init, Random)} gives it.
     *
     * @return e.g. {@code layer1}.
     */
    public String name() {
        String w = weight.name();
        return w.endsWith(WEIGHT_SUFFIX) && w.length() > WEIGHT_SUFFIX.length()
                ? w.substring(0, w.length() - WEIGHT_SUFFIX.length()) : w;
    }

    /**
     * The weight {@code W}.
     *
     * @return the parameter.
     */
    public Parameter weight() {
        return weight;
    }

    /**
     * The bias {@code b}.
     *
     * @return the parameter, or empty for a layer without bias.
     */
    public Optional<Parameter> bias() {
        return Optional.ofNullable(bias);
    }

    /**
     * The number of input features.
     *
     * @return {@code n}.
     */
    public int inputs() {
        return weight.shape().rows();
    }

    /**
     * The number of outputs.
     *
     * @return {@code p}.
     */
    public int outputs() {
        return weight.shape().cols();
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    /**
     * Records {@code Y = X W + b}, as one {@link Affine} node.
     *
     * @param x the {@code m x n} input.
     * @return the {@code m x p} output.
     * @throws ShapeMismatchException if {@code x} does not have {@code n} columns, naming the
     *     layer, the width it takes and the width it got.
     * @throws ChainruleException if {@code x} is null.
     */
    @Override
    public Node apply(Node x) {
        if (x == null) {
            throw new ChainruleException("linear '" + name() + "': input is null");
        }
        if (x.shape().cols() != inputs()) {
            throw new ShapeMismatchException("linear '" + name() + "': expects " + inputs() + " features per example"
                    + " but got " + x.shape().cols() + ": input " + (x.name() == null ? "" : x.label() + " ") + "is "
                    + x.shape() + ", and X must be m x " + inputs() + " (examples as rows, Y = X W + b with W '"
                    + weight.name() + "' " + weight.shape() + ")");
        }
        Graph graph = x.graph();
        return bias == null ? x.matmul(graph.parameter(weight))
                : graph.apply(Affine.INSTANCE, x, graph.parameter(weight), graph.parameter(bias));
    }

    @Override
    public String toString() {
        return "Linear(" + inputs() + " -> " + outputs() + ", " + weight.name() + (bias == null ? "" : ", " + bias.name()) + ")";
    }
}
