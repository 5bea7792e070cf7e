package org.chainrule.graph;

import java.util.Arrays;
import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * A recorded graph evaluated again at changed values, recomputing only what the change
 * reaches: what a gradient checker needs for its {@code 2n} finite differences.
 *
 * <p>Shifting a node's value ({@link #shiftElementInPlace}, {@link #shiftAlongInPlace})
 * recomputes, in creation order, every operation node that depends on it and feeds the output,
 * each by its operation's {@link Operation#forward} into the buffer the graph already holds:
 * no recording, no new buffers, nothing allocated per evaluation once a node's list of
 * dependants is known. The operations compute exactly what a fresh recording at the shifted
 * values computes, so the output is bit for bit the same (an operation's forward rule must
 * not depend on the stale contents of its output buffer, which {@link Operation} already
 * forbids). {@link #restoreInPlace} puts the recorded values back.
 *
 * <p><b>Value-dependent recordings.</b> A recording that read a value ({@link Node#value()})
 * may have branched on it, recording other operations (or other constants) than it would at
 * other values; replaying it then computes something a fresh recording would not.
 * {@link #valuesWereRead()} says whether that can have happened, so that a caller re-records
 * instead.
 *
 * <pre>{@code
 * Replay replay = Replay.of(loss);
 * replay.shiftElementInPlace(w, 3, 1e-6);   // w[3] += 1e-6, then the nodes between w and loss
 * double plus = replay.outputElement(0);
 * replay.restoreInPlace();
 * }</pre>
 *
 * <p>Replaying changes the graph's values, and gradients from an earlier backward pass no
 * longer match them until {@link #restoreInPlace}; a parameter shifted here is the
 * {@link Parameter} itself. Not thread-safe, like the graph; its errors are
 * {@link ChainruleException}s.
 */
public final class Replay {
    private final Graph graph;
    private final Node output;
    /** The graph's nodes up to the output, by id. */
    private final Node[] nodes;
    /** Which nodes lie on some path to the output (the only ones worth recomputing). */
    private final boolean[] feedsOutput;
    /** Scratch marks for {@link #shiftAlongInPlace}: a node is reached in a pass when its mark is the pass's. */
    private final int[] marks;
    private int pass;
    /** By node id: the operation nodes to recompute after that node changes, found when first needed. */
    private final int[][] dependants;
    /** By node id: the recorded value of a node that a shift changed. */
    private final double[][] originals;
    /** The node and element {@link #shiftElementInPlace} changed last, not yet put back; or null. */
    private Node shiftedNode;
    private int shiftedElement;
    /** The nodes {@link #shiftAlongInPlace} changed last, not yet put back; or null. */
    private List<Node> shiftedAlong;

    private Replay(Node output) {
        this.graph = output.graph;
        this.output = output;
        this.nodes = graph.nodes().subList(0, output.id + 1).toArray(new Node[0]);
        this.feedsOutput = new boolean[nodes.length];
        this.marks = new int[nodes.length];
        this.dependants = new int[nodes.length][];
        this.originals = new double[nodes.length][];
        feedsOutput[output.id] = true;
        for (int i = output.id; i >= 0; i--) {
            if (feedsOutput[i]) {
                for (Node input : nodes[i].inputs) {
                    feedsOutput[input.id] = true;
                }
            }
        }
    }

    /**
     * A replay of everything {@code output} depends on.
     *
     * @param output the node whose value the replays compute.
     * @return the replay.
     * @throws ChainruleException if {@code output} is null or its graph was recycled.
     */
    public static Replay of(Node output) {
        ChainruleException.requireNonNull(output, "Replay.of: output");
        output.graph.requireLive("Replay.of", output);
        return new Replay(output);
    }

    /**
     * The node whose value the replays compute.
     *
     * @return the output.
     */
    public Node output() {
        return output;
    }

    /**
     * Whether the value of some node that depends on a parameter, up to the output, has been
     * read with {@link Node#value()}: then the recording may have branched on it, and a
     * replay at other values may differ from a fresh recording.
     *
     * @return true if such a value was read since it was recorded.
     */
    public boolean valuesWereRead() {
        for (Node node : nodes) {
            if (node.valueRead && node.requiresGradient) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets one element of a node's value to its recorded value plus {@code delta}, and
     * recomputes every node between it and the output. Whatever an earlier shift changed is
     * put back first, so only this element differs from the recording.
     *
     * @param node a node of the graph: a leaf or an operation.
     * @param element the element's row-major index.
     * @param delta what to add to the recorded value.
     * @throws ChainruleException if the node is null, of another graph, or later than the
     *     output, or the graph was recycled.
     */
    public void shiftElementInPlace(Node node, int element, double delta) {
        double[] recorded = original(node);
        if (shiftedNode == node) {
            node.value.data[shiftedElement] = recorded[shiftedElement];
        } else {
            restoreInPlace();
        }
        node.value.data[element] = recorded[element] + delta;
        shiftedNode = node;
        shiftedElement = element;
        recompute(dependants(node));
    }

    /**
     * Sets several nodes' values to their recorded values plus {@code h} times a direction,
     * {@code x + h v} element by element, and recomputes every node between them and the
     * output. Whatever an earlier shift changed is put back first.
     *
     * @param shifted the nodes to shift.
     * @param h the step.
     * @param directions {@code v}, one per node, shaped like it. Not modified.
     * @throws ChainruleException if a node is null, of another graph or later than the output,
     *     the lists' sizes differ, a direction's shape differs from its node's, or the graph was recycled.
     */
    public void shiftAlongInPlace(List<Node> shifted, double h, List<Tensor> directions) {
        if (shifted.size() != directions.size()) {
            throw new ChainruleException("Replay.shiftAlongInPlace: " + shifted.size() + " nodes but "
                    + directions.size() + " directions");
        }
        restoreInPlace();
        for (int k = 0; k < shifted.size(); k++) {
            Node node = shifted.get(k);
            double[] recorded = original(node);
            DMatrixRMaj v = directions.get(k).matrixView();
            if (v.numRows != node.shape.rows() || v.numCols != node.shape.cols()) {
                throw new ChainruleException("Replay.shiftAlongInPlace: the direction for node " + node.label()
                        + " is " + v.numRows + "x" + v.numCols + " but the node is " + node.shape);
            }
            double[] value = node.value.data;
            for (int e = 0; e < node.shape.size(); e++) {
                value[e] = recorded[e] + h * v.data[e];
            }
        }
        shiftedAlong = List.copyOf(shifted);
        recomputeFrom(shiftedAlong);
    }

    /**
     * Puts back every value a shift changed and recomputes the nodes between them and the
     * output, so the graph holds its recorded values again (bit for bit).
     *
     * @throws ChainruleException if the graph was recycled.
     */
    public void restoreInPlace() {
        graph.requireLive("Replay.restoreInPlace", null);
        if (shiftedNode != null) {
            Node node = shiftedNode;
            node.value.data[shiftedElement] = originals[node.id][shiftedElement];
            shiftedNode = null;
            recompute(dependants(node));
        }
        if (shiftedAlong != null) {
            for (Node node : shiftedAlong) {
                System.arraycopy(originals[node.id], 0, node.value.data, 0, node.shape.size());
            }
            List<Node> restored = shiftedAlong;
            shiftedAlong = null;
            recomputeFrom(restored);
        }
    }

    /**
     * One element of the output's current value.
     *
     * @param element its row-major index.
     * @return the value.
     */
    public double outputElement(int element) {
        return output.value.data[element];
    }

    /**
     * Copies the output's current value into an array.
     *
     * @param out at least as long as the output has elements. Modified.
     * @return {@code out}.
     */
    public double[] copyOutputInto(double[] out) {
        System.arraycopy(output.value.data, 0, out, 0, output.shape.size());
        return out;
    }

    private double[] original(Node node) {
        ChainruleException.requireNonNull(node, "Replay: node");
        graph.requireLive("Replay", node);
        if (node.graph != graph || node.id > output.id) {
            throw new ChainruleException("Replay: node " + node.label() + " is not recorded before the output "
                    + output.label() + " in its graph");
        }
        double[] recorded = originals[node.id];
        if (recorded == null) {
            recorded = Arrays.copyOf(node.value.data, node.shape.size());
            originals[node.id] = recorded;
        }
        return recorded;
    }

    /** Recomputes, in creation order, every operation node between any of {@code changed} and the output. */
    private void recomputeFrom(List<Node> changed) {
        pass++;
        int first = output.id + 1;
        for (Node node : changed) {
            marks[node.id] = pass;
            first = Math.min(first, node.id + 1);
        }
        for (int i = first; i <= output.id; i++) {
            Node node = nodes[i];
            if (feedsOutput[i] && node.operation != null && anyInputMarked(node)) {
                marks[i] = pass;
                evaluate(node);
            }
        }
    }

    /** The operation nodes that depend on {@code node} and feed the output, in creation order; found once. */
    private int[] dependants(Node node) {
        int[] found = dependants[node.id];
        if (found != null) {
            return found;
        }
        pass++;
        marks[node.id] = pass;
        int[] ids = new int[output.id - node.id];
        int n = 0;
        for (int i = node.id + 1; i <= output.id; i++) {
            Node candidate = nodes[i];
            if (feedsOutput[i] && candidate.operation != null && anyInputMarked(candidate)) {
                marks[i] = pass;
                ids[n++] = i;
            }
        }
        found = Arrays.copyOf(ids, n);
        dependants[node.id] = found;
        return found;
    }

    private boolean anyInputMarked(Node node) {
        for (Node input : node.inputs) {
            if (marks[input.id] == pass) {
                return true;
            }
        }
        return false;
    }

    private void recompute(int[] ids) {
        for (int id : ids) {
            evaluate(nodes[id]);
        }
    }

    private void evaluate(Node node) {
        node.operation.forward(node.inputValues, node.value);
        if (graph.detectsAnomalies()) {
            Anomalies.checkForward(node.operation, node.inputs, node.value, node.id);
        }
    }
}
