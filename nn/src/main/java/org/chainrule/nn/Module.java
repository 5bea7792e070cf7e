package org.chainrule.nn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;

/**
 * A trainable piece of a network: its {@link Parameter}s, and a way to record its
 * computation on input nodes of a {@link Graph}.
 *
 * <p>Parameters outlive graphs. A training step records a graph (new, or recycled from the
 * last step), applies the module to the batch's input node, and calls {@code backward}: the
 * gradients land in the parameters, and an optimizer then updates them in place. Recording
 * the same parameter twice in one graph gives one node, so a weight shared by two layers
 * gets the sum of both uses' gradients — the multivariable chain rule.
 *
 * <p>Most modules take one input and implement {@link Layer}. A module with several inputs
 * implements this interface directly; for example, a model that reads two inputs
 * {@code y = sigmoid(A Wa + B Wb + b)}:
 * <pre>{@code
 * final class TwoInputs implements Module {
 *     private final Linear left = new Linear("left", 3, 1, Init.GLOROT_UNIFORM, new Random(1));
 *     private final Linear right = Linear.withoutBias(new Parameter("right.weight", Tensor.uniform(2, 1, -1, 1, 2)));
 *
 *     public List<Parameter> parameters() {
 *         return Module.parametersOf(left, right);
 *     }
 *
 *     public Node apply(Node... inputs) {
 *         Module.requireInputs("two inputs", 2, inputs);
 *         return left.apply(inputs[0]).add(right.apply(inputs[1])).sigmoid();
 *     }
 * }
 * }</pre>
 *
 * <p><b>Thread safety.</b> A module and its parameters are used by one thread at a time:
 * training updates the parameters in place, and a graph that records them reads them by
 * reference. Separate models (separate parameters, each with its own optimizer and graphs)
 * can be trained on separate threads at once, and each then computes exactly what it would
 * compute alone, bit for bit: Chainrule keeps no shared mutable state between them.
 */
public interface Module {

    /**
     * The parameters, each exactly once (a shared parameter is listed once), in a fixed
     * order. Distinct parameters have distinct names.
     *
     * @return an unmodifiable list.
     */
    List<Parameter> parameters();

    /**
     * Records this module's computation on {@code inputs} in their graph.
     *
     * @param inputs the input nodes, all in one graph; examples as rows.
     * @return the output node.
     * @throws org.chainrule.core.ShapeMismatchException if an input's shape does not fit.
     * @throws ChainruleException if the number of inputs is wrong.
     */
    Node apply(Node... inputs);

    /**
     * The parameters by name, in {@link #parameters()} order: how checkpoints find them.
     *
     * @return an unmodifiable map from name to parameter.
     * @throws ChainruleException if two different parameters share a name.
     */
    default Map<String, Parameter> namedParameters() {
        return byName(parameters());
    }

    /**
     * The number of trainable numbers, summed over the parameters.
     *
     * @return {@code sum of rows * cols}.
     */
    default long parameterCount() {
        long count = 0;
        for (Parameter p : parameters()) {
            count += p.shape().size();
        }
        return count;
    }

    /** Sets every parameter's accumulated gradient to zero. */
    default void zeroGradients() {
        for (Parameter p : parameters()) {
            p.zeroGradient();
        }
    }

    /**
     * Runs the module forward on values, outside any training graph: records a throwaway
     * graph, applies the module, and returns the output.
     *
     * @param inputs the input values, examples as rows.
     * @return the output value.
     * @throws org.chainrule.core.ShapeMismatchException if an input's shape does not fit.
     * @throws ChainruleException if the inputs or one of them is null, or their number is wrong.
     */
    default Tensor predict(Tensor... inputs) {
        ChainruleException.requireNonNull(inputs, "predict: the array of inputs");
        for (int i = 0; i < inputs.length; i++) {
            ChainruleException.requireNonNull(inputs[i], "predict: input " + i);
        }
        Graph graph = new Graph();
        Node[] nodes = new Node[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            nodes[i] = graph.input(inputs[i]);
        }
        return apply(nodes).value();
    }

    /**
     * The parameters of several modules, concatenated in order, each parameter once (by
     * identity): the usual body of {@link #parameters()} for a module built from others.
     *
     * @param modules the parts.
     * @return an unmodifiable list.
     * @throws ChainruleException if two different parameters share a name, or a module is null.
     */
    static List<Parameter> parametersOf(Module... modules) {
        ChainruleException.requireNonNull(modules, "parametersOf: the array of modules");
        List<Parameter> all = new ArrayList<>();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Module module : modules) {
            ChainruleException.requireNonNull(module, "parametersOf: a module");
            for (Parameter p : module.parameters()) {
                if (seen.add(p)) {
                    all.add(p);
                }
            }
        }
        byName(all);
        return Collections.unmodifiableList(all);
    }

    /**
     * Indexes parameters by name, checking that distinct parameters have distinct names (the
     * same parameter listed twice is allowed and kept once).
     *
     * @param parameters the parameters. Not modified.
     * @return an unmodifiable map from name to parameter, in iteration order.
     * @throws ChainruleException if two different parameters share a name, or the collection
     *     or a parameter is null.
     */
    static Map<String, Parameter> byName(Collection<Parameter> parameters) {
        ChainruleException.requireNonNull(parameters, "the collection of parameters");
        Map<String, Parameter> byName = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            ChainruleException.requireNonNull(p, "a parameter in the collection");
            Parameter previous = byName.putIfAbsent(p.name(), p);
            if (previous != null && previous != p) {
                throw new ChainruleException("two different parameters are named '" + p.name() + "' (" + previous.shape()
                        + " and " + p.shape() + "): parameter names must be unique within a model,"
                        + " because checkpoints find parameters by name");
            }
        }
        return Collections.unmodifiableMap(byName);
    }

    /**
     * Checks that a module received the number of inputs it takes.
     *
     * @param module the module's description, for the message.
     * @param expected how many inputs it takes.
     * @param inputs what it was given.
     * @throws ChainruleException if the count differs or an input is null.
     */
    static void requireInputs(String module, int expected, Node... inputs) {
        if (inputs == null || inputs.length != expected) {
            throw new ChainruleException(module + " takes " + expected + " input" + (expected == 1 ? "" : "s")
                    + " but was given " + (inputs == null ? 0 : inputs.length));
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new ChainruleException(module + ": input " + i + " is null");
            }
        }
    }
}
