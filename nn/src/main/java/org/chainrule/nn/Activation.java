package org.chainrule.nn;

import java.util.List;
import java.util.function.UnaryOperator;
import org.chainrule.core.Axis;
import org.chainrule.core.ChainruleException;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.ops.LeakyRelu;

/**
 * An element-wise (or, for softmax, row-wise) activation function as a parameter-free
 * {@link Layer}, with the weight initialisation that suits the layer feeding it.
 *
 * <p>The notes' advice: relu is the default for hidden layers and tanh is preferred over
 * sigmoid there; sigmoid belongs on a binary output, softmax on a multi-class one. To train
 * a classifier stably, end the network with {@link #IDENTITY} (scores) and use a fused loss
 * ({@link org.chainrule.nn.loss.Losses#SIGMOID_CROSS_ENTROPY},
 * {@link org.chainrule.nn.loss.Losses#SOFTMAX_CROSS_ENTROPY}).
 */
public final class Activation implements Layer {
    /** No activation, {@code h = a}: a linear output, for scores fed to a fused loss. */
    public static final Activation IDENTITY = new Activation("identity", UnaryOperator.identity(), Init.GLOROT_UNIFORM);
    /** Logistic sigmoid {@code h = 1 / (1 + e^-a)}, derivative {@code h (1 - h)}. */
    public static final Activation SIGMOID = new Activation("sigmoid", Node::sigmoid, Init.GLOROT_UNIFORM);
    /** Hyperbolic tangent {@code h = tanh a}, derivative {@code 1 - h^2}. */
    public static final Activation TANH = new Activation("tanh", Node::tanh, Init.GLOROT_UNIFORM);
    /** Rectified linear unit {@code h = max(0, a)}, derivative 1 where {@code a > 0}, else 0. */
    public static final Activation RELU = new Activation("relu", Node::relu, Init.HE_NORMAL);
    /** Leaky relu {@code h = max(0.01 a, a)}, derivative 1 where {@code a > 0}, else 0.01. */
    public static final Activation LEAKY_RELU = leakyRelu(0.01);
    /** Softmax of each row (examples as rows), {@code h_i = e^(a_i) / sum_j e^(a_j)}. */
    public static final Activation SOFTMAX = new Activation("softmax", x -> x.softmax(Axis.EACH_ROW), Init.GLOROT_UNIFORM);

    private final String name;
    private final UnaryOperator<Node> function;
    private final Init init;

    private Activation(String name, UnaryOperator<Node> function, Init init) {
        this.name = name;
        this.function = function;
        this.init = init;
    }

    /**
     * A leaky relu {@code h = max(f a, a)} with the given negative-side slope.
     *
     * @param slope {@code f}, in {@code [0, 1)}.
     * @return the activation.
     * @throws org.chainrule.core.ChainruleException if the slope is outside {@code [0, 1)}.
     */
    public static Activation leakyRelu(double slope) {
        LeakyRelu operation = new LeakyRelu(slope);
        return new Activation(operation.name(), x -> x.graph().apply(operation, x), Init.HE_NORMAL);
    }

    /**
     * The initialisation suited to a {@link Linear} layer whose output goes through this
     * activation: He for relu and leaky relu, Glorot otherwise.
     *
     * @return the initialisation.
     */
    public Init init() {
        return init;
    }

    /**
     * The activation's name.
     *
     * @return e.g. {@code tanh} or {@code leakyRelu(0.01)}.
     */
    public String name() {
        return name;
    }

    /** An activation has no parameters. */
    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    /**
     * Applies the activation.
     *
     * @param input the pre-activations.
     * @return the activations, same shape.
     * @throws ChainruleException if {@code input} is null.
     */
    @Override
    public Node apply(Node input) {
        return function.apply(ChainruleException.requireNonNull(input, name, "input"));
    }

    @Override
    public String toString() {
        return name;
    }
}
