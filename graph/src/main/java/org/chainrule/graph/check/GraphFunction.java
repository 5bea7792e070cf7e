package org.chainrule.graph.check;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;

/**
 * A function of tensors, written as the graph that computes it: given a fresh {@link Graph}
 * and one node per input, {@link #build} records the computation and returns its output (of
 * any shape for {@link GradientCheck#check}; {@code 1x1} for {@link #value} and
 * {@link #gradient}). It must record the same computation every time it is called and keep
 * no state between calls.
 *
 * <p>The gradient checker records it twice at the point checked (the second time to verify
 * that value and gradient are reproducible) and evaluates the shifted points by
 * {@linkplain org.chainrule.graph.Replay replaying} the first recording. A function that reads
 * a value while recording ({@link Node#value()}, for example to branch on it) may record
 * something else at other values, so then the checker records it afresh for every evaluation,
 * as it does for every function with {@link GradientCheck#withRecordingEachEvaluation()}.
 *
 * <p>Each input is recorded as a parameter named {@code x0, x1, ...}; anything the function
 * holds fixed (targets, masks, weights that are not being checked) it records itself, for
 * example with {@link Graph#constant(Tensor)}:
 * <pre>{@code
 * GraphFunction loss = (graph, x) -> x[0].matmul(x[1]).sigmoid().mul(graph.constant(targets)).sum();
 * }</pre>
 */
@FunctionalInterface
public interface GraphFunction {

    /**
     * Records the function in {@code graph}.
     *
     * @param graph a fresh graph in which the inputs are already recorded.
     * @param inputs one parameter node per input tensor, in order.
     * @return the output, a node of {@code graph}.
     */
    Node build(Graph graph, Node... inputs);

    /**
     * Evaluates the function: records it in a fresh graph and reads the output.
     *
     * @param inputs the input tensors. Not modified.
     * @return {@code f(inputs)}.
     * @throws ShapeMismatchException if {@link #build} returns a node that is not {@code 1x1}.
     * @throws ChainruleException if {@code inputs} or an input is null, or {@link #build}
     *     returns null.
     */
    default double value(List<Tensor> inputs) {
        Node output = scalarOutput(Recording.of(this, inputs));
        return output.value().item();
    }

    /**
     * The analytic gradient: records the function in a fresh graph, runs
     * {@link Graph#backward(Node)} from its output and reads each input's gradient. An input
     * the output does not depend on gets a zero gradient.
     *
     * @param inputs the input tensors. Not modified.
     * @return {@code df/dinputs}, one tensor per input, each shaped like its input.
     * @throws ShapeMismatchException if {@link #build} returns a node that is not {@code 1x1}.
     * @throws ChainruleException if {@code inputs} or an input is null, or {@link #build}
     *     returns null.
     */
    default List<Tensor> gradient(List<Tensor> inputs) {
        Recording recording = Recording.of(this, inputs);
        scalarOutput(recording);
        return List.copyOf(recording.gradients(null));
    }

    private static Node scalarOutput(Recording recording) {
        Node output = recording.output;
        if (!output.shape().isScalar()) {
            throw new ShapeMismatchException("GraphFunction: the function's output " + output.label() + " is "
                    + output.shape() + ", not 1x1: value and gradient need a scalar; reduce it first, for example"
                    + " with .sum(), or check the whole Jacobian with GradientCheck.check");
        }
        return output;
    }
}
