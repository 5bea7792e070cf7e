package org.chainrule.graph;

import java.util.ArrayList;
import java.util.List;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * The checks behind a graph's anomaly detection, and the wording of what they report: each
 * looks for the first NaN or infinity in one matrix and, if there is one, throws an
 * {@link AnomalyException} that names the operation, its node, its input shapes and the pass.
 * Also the description of an operation's input nodes that shape errors append.
 */
final class Anomalies {
    private Anomalies() {
    }

    /** Checks an operation's output before its node is recorded as node {@code id}. */
    static void checkForward(Operation operation, Node[] inputs, DMatrixRMaj value, int id) {
        int bad = firstNonFinite(value);
        if (bad < 0) {
            return;
        }
        String node = "#" + id + " " + operation.name();
        StringBuilder message = new StringBuilder("forward pass: ").append(operation.name()).append(" at node ")
                .append(node).append(" produced ").append(at(value, bad)).append("; ").append(describeInputs(inputs));
        for (Node input : inputs) {
            int early = firstNonFinite(input.value);
            if (early >= 0) {
                message.append("; but its input ").append(input.label()).append(" already holds ")
                        .append(at(input.value, early))
                        .append(": the non-finite value came in with that input, it was not made here");
                break;
            }
        }
        throw new AnomalyException(message.toString(), AnomalyException.Pass.FORWARD, operation.name(), node,
                shapesOf(inputs), value.data[bad]);
    }

    /**
     * Checks the gradient {@code node}'s operation wrote for its input {@code k} into a buffer
     * the engine had filled with NaN; a NaN where the same VJP into zeros gives a number is an
     * element the operation did not write (or read before writing), and is reported as such.
     */
    static void checkBackward(Node node, int k, DMatrixRMaj arriving, DMatrixRMaj contribution) {
        int bad = firstNonFinite(contribution);
        if (bad < 0) {
            return;
        }
        String name = node.operation.name();
        if (Double.isNaN(contribution.data[bad])) {
            DMatrixRMaj zeros = new DMatrixRMaj(contribution.numRows, contribution.numCols);
            node.operation.vjp(k, node.inputValues, node.value, arriving, zeros);
            if (!Double.isNaN(zeros.data[bad])) {
                throw new AnomalyException("backward pass: the VJP of " + name + " at node " + node.label()
                        + " for its input " + k + " (" + node.inputs[k].label() + ") did not write element ("
                        + bad / contribution.numCols + ", " + bad % contribution.numCols + ") of the "
                        + contribution.numRows + "x" + contribution.numCols + " buffer it was given, or read it before"
                        + " writing: a VJP must write every element of its buffer and read none (the engine hands it a"
                        + " buffer of stale values; under anomaly detection, of NaN); " + describeInputs(node.inputs),
                        AnomalyException.Pass.BACKWARD, name, node.label(), shapesOf(node.inputs), Double.NaN);
            }
        }
        int early = firstNonFinite(arriving);
        String message = "backward pass: the gradient that " + name + " at node " + node.label()
                + " hands to its input " + k + " (" + node.inputs[k].label() + ") holds " + at(contribution, bad)
                + "; " + describeInputs(node.inputs) + "; the gradient arriving at " + node.label()
                + (early < 0 ? " is finite" : " already holds " + at(arriving, early)
                        + " (a sum of finite contributions overflowed, or the seed was not finite)");
        throw new AnomalyException(message, AnomalyException.Pass.BACKWARD, name, node.label(), shapesOf(node.inputs),
                contribution.data[bad]);
    }

    /** Checks the seed of a backward pass from {@code output}. */
    static void checkSeed(Node output, DMatrixRMaj seed) {
        int bad = firstNonFinite(seed);
        if (bad >= 0) {
            throw new AnomalyException("backward pass: the seed for node " + output.label() + " holds " + at(seed, bad),
                    AnomalyException.Pass.BACKWARD, "seed", output.label(), List.of(output.shape()), seed.data[bad]);
        }
    }

    /**
     * The input shapes and the nodes behind them, e.g.
     * {@code input shapes 2x3 and 3x4 (nodes 'x' and #3 tanh)}.
     */
    static String describeInputs(Node[] inputs) {
        if (inputs.length == 0) {
            return "no inputs";
        }
        List<String> shapes = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Node input : inputs) {
            shapes.add(input.shape().toString());
            labels.add(input.label());
        }
        boolean one = inputs.length == 1;
        return (one ? "input shape " : "input shapes ") + join(shapes) + " (" + (one ? "node " : "nodes ")
                + join(labels) + ")";
    }

    /**
     * The nodes an operation was given, for a shape error: {@code (nodes 'x' and 'W1')}, or the
     * empty string when none of them has a name (the shapes alone then say it all).
     */
    static String namedInputs(Node[] inputs) {
        boolean anyNamed = false;
        List<String> labels = new ArrayList<>();
        for (Node input : inputs) {
            anyNamed |= input.name() != null;
            labels.add(input.label());
        }
        return anyNamed ? "(" + (inputs.length == 1 ? "node " : "nodes ") + join(labels) + ")" : "";
    }

    /** Joins {@code a}, {@code a and b}, {@code a, b and c}. */
    private static String join(List<String> items) {
        int n = items.size();
        return n == 1 ? items.get(0) : String.join(", ", items.subList(0, n - 1)) + " and " + items.get(n - 1);
    }

    private static List<Shape> shapesOf(Node[] inputs) {
        List<Shape> shapes = new ArrayList<>(inputs.length);
        for (Node input : inputs) {
            shapes.add(input.shape());
        }
        return shapes;
    }

    /** {@code NaN at (0, 1)}. */
    private static String at(DMatrixRMaj m, int index) {
        return Tensor.format(m.data[index]) + " at (" + index / m.numCols + ", " + index % m.numCols + ")";
    }

    /** The row-major index of the first NaN or infinity, or -1 if every entry is finite. */
    static int firstNonFinite(DMatrixRMaj m) {
        int n = m.getNumElements();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(m.data[i])) {
                return i;
            }
        }
        return -1;
    }
}
