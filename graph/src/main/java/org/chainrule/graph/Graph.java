package org.chainrule.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.chainrule.core.Broadcast;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Shape;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * A recorded computation: every {@link Node} in the order it was created, which is already
 * a topological order (a node can only use nodes that exist). Leaves are parameters (which
 * get gradients), inputs and constants (which do not); every other node is an
 * {@link Operation} applied to earlier nodes, evaluated as it is recorded.
 *
 * <p>{@link #backward(Node)} applies the multivariable chain rule by dynamic programming:
 * starting from {@code Delta(o) = dL/do = 1}, it visits the nodes in reverse creation order,
 * and each node hands {@code dh'/dh · Delta(h')} to each of its inputs, which <em>add</em>
 * what they receive from all their consumers:
 * {@code Delta(h) = sum over consumers h' of dh'/dh · Delta(h')}. Every node is processed
 * once, so the cost is linear in the size of the graph although the number of paths is
 * not. The walk is iterative, so graphs of any depth work with the default stack.
 *
 * <p>Gradients: a parameter's gradient accumulates across backward calls (on this graph and
 * any other that records it) until {@link Parameter#zeroGradient()}, as in PyTorch. Every
 * other node's gradient is recomputed from scratch by each backward pass. So a second
 * {@code backward} on the same graph is allowed: it gives the same intermediate gradients
 * again and adds the parameter gradients a second time.
 *
 * <p><b>Anomaly detection.</b> Off by default. {@link #setDetectAnomalies(boolean)} turns on a
 * check of every value an operation produces (when it is recorded) and of every gradient an
 * operation hands to an input (in {@code backward}); the first NaN or infinity throws an
 * {@link AnomalyException} naming the operation, its node, its input shapes and the pass —
 * what PyTorch's {@code detect_anomaly} and JAX's {@code jax_debug_nans} do. Each check reads
 * the matrix once more; with detection off the only cost is testing one boolean.
 * <pre>{@code
 * Graph g = new Graph().setDetectAnomalies(true);
 * Node p = g.input("x", x).matmul(g.parameter("W", w)).softmax(Axis.EACH_ROW);
 * Node logp = p.log();    // throws AnomalyException if a probability underflowed to 0: "forward pass: log at node ..."
 * }</pre>
 * Leaves are not checked when they are recorded: data holding NaN or infinity is allowed (the
 * value may be deliberate) and is reported by the first operation that reads it, which the
 * message then names as the source.
 *
 * <p><b>Errors.</b> Everything this class and {@link Node} throw derives from
 * {@link ChainruleException}: a {@link ShapeMismatchException} names the operation, both
 * shapes, the rule and — when they have names — the nodes involved; an
 * {@link AnomalyException} reports a NaN or infinity found by anomaly detection; anything
 * else (a null argument, a node of another graph, a wrong number of inputs, backward from a
 * node that depends on no parameter) is a plain {@link ChainruleException}.
 *
 * <p><b>Thread safety.</b> A graph is used by one thread at a time: recording, backward and
 * reading values or gradients all mutate or read unsynchronised state, and so do the
 * {@link Parameter}s the graph records. Separate graphs over separate parameters can be used
 * by separate threads at once; Chainrule shares no mutable state between them, so each
 * computes exactly what it would compute alone. To share a graph or a parameter between
 * threads, synchronise externally.
 */
public final class Graph {
    /** A leaf's inputs and their values: none (shared, never written). */
    private static final Node[] NO_INPUTS = new Node[0];
    private static final DMatrixRMaj[] NO_VALUES = new DMatrixRMaj[0];
    /** The seed of a backward pass from a scalar: {@code dL/dL = 1}. */
    private static final Tensor ONE = Tensor.scalar(1.0);
    private final List<Node> nodes;
    /** The parameter leaves, in recording order; looked up by a scan while few, by a map beyond that. */
    private final List<Node> parameterNodes;
    private Map<Parameter, Node> parameterIndex;
    private int backwardPasses;
    private boolean detectAnomalies;
    /** Reused buffers for gradient contributions that must be added, and for un-broadcasting. */
    private final DMatrixRMaj contribution;
    private final DMatrixRMaj reduced;
    /**
     * Buffers of the graph this one was recycled from, by node position: values of operations
     * that wrote into engine-owned buffers, and gradients. Taken (and nulled) by the node at
     * the same position if its shape matches; null when there was no earlier graph.
     */
    private DMatrixRMaj[] spareValues;
    private DMatrixRMaj[] spareGradients;
    /** Set by {@link #recycle()}: the buffers now belong to the next graph. */
    private boolean ended;

    /** Whether an operation's class overrides {@link Operation#forwardInto}. */
    private static final ClassValue<Boolean> WRITES_INTO = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("forwardInto", DMatrixRMaj[].class, DMatrixRMaj.class).getDeclaringClass()
                        != Operation.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    /** An empty graph, with anomaly detection off. */
    public Graph() {
        this(new DMatrixRMaj(1, 1), new DMatrixRMaj(1, 1), 16, 8);
    }

    private Graph(DMatrixRMaj contribution, DMatrixRMaj reduced, int expectedNodes, int expectedParameters) {
        this.nodes = new ArrayList<>(expectedNodes);
        this.parameterNodes = new ArrayList<>(expectedParameters);
        this.contribution = contribution;
        this.reduced = reduced;
    }

    /**
     * Ends this graph and returns a new, empty one that reuses its buffers: a training loop
     * that records the same network every step then allocates almost nothing, with its
     * values and gradients staying in cache. The node at each position of the new graph takes
     * the value and gradient buffers of the node at the same position here, when the shapes
     * match (otherwise it allocates). Anomaly detection carries over. Parameters are not
     * affected: their values and gradients are their own.
     *
     * <p>After the call this graph is over: recording on it, running backward on it, or
     * reading its nodes' values or gradients throws a {@link ChainruleException}. Tensors
     * already read from it stay valid (they are copies).
     * <pre>{@code
     * Graph g = new Graph();
     * for (Batch b : batches) {
     *     g = g.recycle();                       // instead of new Graph()
     *     Node loss = model.apply(g.input("X", b.x()))...;
     *     g.backward(loss);
     * }
     * }</pre>
     *
     * @return the new graph.
     * @throws ChainruleException if this graph was already recycled.
     */
    public Graph recycle() {
        requireLive("recycle");
        Graph next = new Graph(contribution, reduced, nodes.size(), parameterNodes.size());
        next.detectAnomalies = detectAnomalies;
        int n = nodes.size();
        // This graph's own spare arrays are spent (what was left in them was not needed): reuse them.
        next.spareValues = spareValues != null && spareValues.length == n ? spareValues : new DMatrixRMaj[n];
        next.spareGradients = spareGradients != null && spareGradients.length == n ? spareGradients : new DMatrixRMaj[n];
        spareValues = null;
        spareGradients = null;
        for (int i = 0; i < n; i++) {
            Node node = nodes.get(i);
            next.spareValues[i] = node.ownsValue ? node.value : null;
            next.spareGradients[i] = node.parameter == null ? node.gradient : null;
        }
        ended = true;
        return next;
    }

    /**
     * Whether {@link #recycle()} has ended this graph.
     *
     * @return true if its buffers now belong to a newer graph.
     */
    public boolean isRecycled() {
        return ended;
    }

    void requireLive(String where) {
        if (ended) {
            throw new ChainruleException(where + ": this graph was recycled (Graph.recycle()), so its buffers now"
                    + " belong to the next graph; read what you need before recycling, or record a new graph");
        }
    }

    /** The spare buffer at a position if it has the shape asked for, taken so it is handed out once. */
    private static DMatrixRMaj takeSpare(DMatrixRMaj[] spares, int id, int rows, int cols) {
        if (spares == null || id >= spares.length) {
            return null;
        }
        DMatrixRMaj m = spares[id];
        if (m == null || m.numRows != rows || m.numCols != cols) {
            return null;
        }
        spares[id] = null;
        return m;
    }

    /**
     * Turns anomaly detection on or off (see the class description). It applies to the
     * operations recorded and the backward passes run after the call.
     *
     * @param on true to check every forward value and backward gradient for NaN and infinity.
     * @return this graph, so that {@code new Graph().setDetectAnomalies(true)} reads as one expression.
     */
    public Graph setDetectAnomalies(boolean on) {
        this.detectAnomalies = on;
        return this;
    }

    /**
     * Whether anomaly detection is on.
     *
     * @return true if forward values and backward gradients are checked for NaN and infinity.
     */
    public boolean detectsAnomalies() {
        return detectAnomalies;
    }

    // ---- leaves ----

    /**
     * Records a data leaf, which gets no gradient. The value may hold NaN or infinities (they
     * are not refused here; anomaly detection reports the first operation that reads them).
     *
     * @param name the display name, or null.
     * @param value the value.
     * @return the new node.
     * @throws ChainruleException if {@code value} is null.
     */
    public Node input(String name, Tensor value) {
        return leaf(Node.Kind.INPUT, name, value);
    }

    /**
     * Records an unnamed data leaf, which gets no gradient.
     *
     * @param value the value.
     * @return the new node.
     * @throws ChainruleException if {@code value} is null.
     */
    public Node input(Tensor value) {
        return input(null, value);
    }

    /**
     * Records a fixed leaf such as targets or a mask, which gets no gradient.
     *
     * @param name the display name, or null.
     * @param value the value.
     * @return the new node.
     * @throws ChainruleException if {@code value} is null.
     */
    public Node constant(String name, Tensor value) {
        return leaf(Node.Kind.CONSTANT, name, value);
    }

    /**
     * Records an unnamed fixed leaf.
     *
     * @param value the value.
     * @return the new node.
     * @throws ChainruleException if {@code value} is null.
     */
    public Node constant(Tensor value) {
        return constant(null, value);
    }

    /**
     * Records a trainable leaf backed by a new {@link Parameter} that this graph's backward
     * passes accumulate gradients into.
     *
     * @param name the parameter's name.
     * @param initial its value. Not modified.
     * @return the new node; {@link Node#parameter()} gives the parameter.
     * @throws ChainruleException if the name is null or blank or {@code initial} is null.
     */
    public Node parameter(String name, Tensor initial) {
        return parameter(new Parameter(name, initial));
    }

    /**
     * Records an existing parameter (for example a layer's weight) as a trainable leaf.
     * Recording the same parameter twice gives the same node, so a shared weight appears
     * once in the graph and receives the sum of its uses' gradients.
     *
     * @param parameter the parameter; read by reference, not copied.
     * @return its node in this graph.
     * @throws ChainruleException if {@code parameter} is null.
     */
    public Node parameter(Parameter parameter) {
        ChainruleException.requireNonNull(parameter, "Graph.parameter: parameter");
        requireLive("Graph.parameter");
        Node existing = recorded(parameter);
        if (existing != null) {
            return existing;
        }
        Node node = new Node(this, nodes.size(), Node.Kind.PARAMETER, parameter.name(), null, NO_INPUTS, NO_VALUES,
                parameter.mutableValue(), parameter.shape(), false, parameter, true);
        nodes.add(node);
        parameterNodes.add(node);
        if (parameterIndex != null) {
            parameterIndex.put(parameter, node);
        } else if (parameterNodes.size() > SCANNED_PARAMETERS) {
            parameterIndex = new IdentityHashMap<>();
            for (Node n : parameterNodes) {
                parameterIndex.put(n.parameter, n);
            }
        }
        return node;
    }

    /** Up to this many parameters are found by scanning, which is faster than hashing for a few. */
    private static final int SCANNED_PARAMETERS = 16;

    private Node recorded(Parameter parameter) {
        if (parameterIndex != null) {
            return parameterIndex.get(parameter);
        }
        for (int i = 0; i < parameterNodes.size(); i++) {
            Node n = parameterNodes.get(i);
            if (n.parameter == parameter) {
                return n;
            }
        }
        return null;
    }

    private Node leaf(Node.Kind kind, String name, Tensor value) {
        requireLive("Graph.input/constant");
        if (value == null) {
            throw new ChainruleException("Graph." + kind.name().toLowerCase(Locale.ROOT) + ": value is null");
        }
        Node node = new Node(this, nodes.size(), kind, name, null, NO_INPUTS, NO_VALUES, value.matrixView(),
                value.shape(), false, null, false);
        node.leafTensor = value;
        nodes.add(node);
        return node;
    }

    // ---- operations ----

    /**
     * Records {@code operation} applied to {@code inputs} and evaluates it. This is how every
     * fluent method on {@link Node} records its node, and how a user-defined operation joins
     * the graph.
     *
     * @param operation the operation.
     * @param inputs its arguments, all nodes of this graph.
     * @return the new node.
     * @throws ShapeMismatchException if the shapes do not fit the operation; the message names
     *     the operation, the shapes, the rule and (where they have names) the input nodes.
     * @throws AnomalyException with anomaly detection on, if the value computed holds NaN or
     *     an infinity.
     * @throws ChainruleException if the operation or an input is null, an input belongs to
     *     another graph, the number of inputs is not the operation's {@link Operation#arity()},
     *     or the operation breaks its contract (a forward value of the wrong shape).
     */
    public Node apply(Operation operation, Node... inputs) {
        ChainruleException.requireNonNull(operation, "Graph.apply: operation");
        if (inputs == null) {
            throw new ChainruleException(operation.name() + ": the array of inputs is null");
        }
        return record(operation, inputs.clone());
    }

    /** {@link #apply} for {@link Node}'s fluent methods, which pass a new array of their own. */
    Node record(Operation operation, Node[] args) {
        if (ended) {
            requireLive(operation.name());
        }
        int arity = operation.arity();
        if (arity != Operation.ANY_NUMBER_OF_INPUTS && args.length != arity) {
            throw new ChainruleException(operation.name() + " takes " + arity + (arity == 1 ? " input" : " inputs")
                    + " but was given " + args.length);
        }
        DMatrixRMaj[] values = new DMatrixRMaj[args.length];
        boolean requiresGradient = false;
        for (int i = 0; i < args.length; i++) {
            Node input = args[i];
            if (input == null) {
                throw new ChainruleException(operation.name() + ": argument " + i + " is null");
            }
            if (input.graph != this) {
                throw new ChainruleException(operation.name() + ": node " + input.label()
                        + " belongs to a different graph: all of an operation's inputs must be recorded in one graph");
            }
            values[i] = input.value;
            requiresGradient |= input.requiresGradient;
        }
        Shape expected;
        try {
            expected = operation.outputShape(shapesOf(args));
        } catch (ShapeMismatchException e) {
            String named = Anomalies.namedInputs(args);
            if (named.isEmpty()) {
                throw e;
            }
            throw new ShapeMismatchException(e.getMessage() + " " + named, e);
        }
        boolean owned = WRITES_INTO.get(operation.getClass());
        DMatrixRMaj value;
        if (owned) {
            value = takeSpare(spareValues, nodes.size(), expected.rows(), expected.cols());
            if (value == null) {
                value = new DMatrixRMaj(expected.rows(), expected.cols());
            }
            operation.forwardInto(values, value);
        } else {
            value = operation.forward(values);
        }
        if (value == null || value.numRows != expected.rows() || value.numCols != expected.cols()) {
            throw new ChainruleException(operation.name() + ": forward returned "
                    + (value == null ? "null" : value.numRows + "x" + value.numCols)
                    + " but outputShape promised " + expected);
        }
        if (detectAnomalies) {
            Anomalies.checkForward(operation, args, value, nodes.size());
        }
        Node node = new Node(this, nodes.size(), Node.Kind.OPERATION, null, operation, args, values, value, expected,
                owned, null, requiresGradient);
        nodes.add(node);
        return node;
    }

    /** The input shapes as the unmodifiable list {@link Operation#outputShape} takes. */
    private static List<Shape> shapesOf(Node[] args) {
        switch (args.length) {
            case 1:
                return List.of(args[0].shape);
            case 2:
                return List.of(args[0].shape, args[1].shape);
            case 3:
                return List.of(args[0].shape, args[1].shape, args[2].shape);
            default:
                Shape[] shapes = new Shape[args.length];
                for (int i = 0; i < args.length; i++) {
                    shapes[i] = args[i].shape;
                }
                return List.of(shapes);
        }
    }

    // ---- backward ----

    /**
     * Computes {@code dloss/dnode} for every node between the parameters and {@code loss},
     * seeding {@code Delta(loss) = 1}, and adds each parameter's gradient into the parameter.
     *
     * @param loss a {@code 1x1} node of this graph that depends on at least one parameter.
     * @throws ShapeMismatchException if {@code loss} is not {@code 1x1}; use
     *     {@link #backward(Node, Tensor)} with an explicit seed for other shapes.
     * @throws AnomalyException with anomaly detection on, at the first gradient holding NaN or
     *     an infinity.
     * @throws ChainruleException if {@code loss} is null, belongs to another graph or depends
     *     on no parameter.
     */
    public void backward(Node loss) {
        backward(loss, (BackwardListener) null);
    }

    /**
     * {@link #backward(Node)} reporting every step to a listener (for traces and teaching tools).
     *
     * @param loss a {@code 1x1} node of this graph that depends on at least one parameter.
     * @param listener told of each node reached and each edge's contribution, or null.
     * @throws ShapeMismatchException if {@code loss} is not {@code 1x1}.
     */
    public void backward(Node loss, BackwardListener listener) {
        requireOwn("backward", loss);
        if (!loss.shape().isScalar()) {
            throw new ShapeMismatchException("backward: node " + loss.label() + " is " + loss.shape()
                    + ", not 1x1: a gradient needs a scalar output. Reduce it first (for example .sum() or .mean()),"
                    + " or call backward(node, seedGradient) with a " + loss.shape() + " seed");
        }
        backward(loss, ONE, listener);
    }

    /**
     * Backward from any node with an explicit seed {@code Delta(output) = seed}: computes the
     * vector-Jacobian product {@code seed · d output / d node} for every node between the
     * parameters and {@code output}.
     *
     * @param output a node of this graph that depends on at least one parameter.
     * @param seed the gradient of some scalar with respect to {@code output}, same shape.
     * @throws ShapeMismatchException if the seed's shape differs from the output's.
     * @throws AnomalyException with anomaly detection on, if the seed or a gradient holds NaN
     *     or an infinity.
     * @throws ChainruleException if {@code output} or {@code seed} is null, {@code output}
     *     belongs to another graph or depends on no parameter.
     */
    public void backward(Node output, Tensor seed) {
        backward(output, seed, null);
    }

    /**
     * {@link #backward(Node, Tensor)} reporting every step to a listener: each node as the
     * pass reaches it (its gradient complete) and each edge's contribution
     * {@code dh'/dh · Delta(h')} as it is handed over. Without a listener the pass costs
     * exactly what {@link #backward(Node, Tensor)} costs.
     *
     * @param output a node of this graph that depends on at least one parameter.
     * @param seed the gradient of some scalar with respect to {@code output}, same shape.
     * @param listener told of each node reached and each edge's contribution, or null.
     * @throws ShapeMismatchException if the seed's shape differs from the output's.
     * @throws ChainruleException if {@code output} depends on no parameter.
     */
    public void backward(Node output, Tensor seed, BackwardListener listener) {
        requireOwn("backward", output);
        ChainruleException.requireNonNull(seed, "backward: seed");
        if (!seed.shape().equals(output.shape())) {
            throw new ShapeMismatchException("backward: seed is " + seed.shape() + " but node " + output.label()
                    + " is " + output.shape() + ": the seed must have the output's shape");
        }
        if (!output.requiresGradient) {
            throw new ChainruleException("backward: node " + output.label() + " depends on no parameter, so there"
                    + " is nothing to differentiate. Record the leaves you want gradients for with graph.parameter(...)");
        }
        if (detectAnomalies) {
            Anomalies.checkSeed(output, seed.matrixView());
        }
        backwardPasses++;
        seedGradient(output, seed.matrixView());
        // Reverse creation order is reverse topological order, so a node has received all its
        // consumers' contributions when it is visited. A node that received none lies on no
        // path from a parameter to the output and is skipped.
        for (int i = output.id; i >= 0; i--) {
            Node node = nodes.get(i);
            if (node.reachedPass != backwardPasses) {
                continue;
            }
            if (listener != null) {
                listener.reached(node);
            }
            if (node.operation == null) {
                continue;
            }
            for (int k = 0; k < node.inputs.length; k++) {
                Node input = node.inputs[k];
                if (input.requiresGradient) {
                    propagate(node, k, input, listener);
                }
            }
        }
    }

    private void seedGradient(Node output, DMatrixRMaj seed) {
        Parameter parameter = output.parameter;
        if (parameter != null && !parameter.gradientZeroed()) {
            Elementwise.addInPlace(output.gradient, seed);
        } else {
            bufferFor(output).setTo(seed);
        }
        reached(output);
    }

    /**
     * Hands {@code d node / d input · Delta(node)} to one input: written straight into the
     * input's gradient when it is the first contribution this pass (for a parameter: the
     * first since {@link Parameter#zeroGradient()}), otherwise added to it (the multivariable
     * chain rule's sum over consumers). A contribution in the broadcast output's shape is
     * summed back to the input's shape first. A listener sees the contribution before it is
     * added (it must copy what it keeps). Without a listener or anomaly detection, an
     * operation with a fused form ({@link Operation#vjpInto}) writes or adds in one step.
     */
    private void propagate(Node node, int k, Node input, BackwardListener listener) {
        Parameter parameter = input.parameter;
        boolean first = parameter != null ? parameter.gradientZeroed() : input.reachedPass != backwardPasses;
        if (listener == null && !detectAnomalies) {
            DMatrixRMaj target = first && parameter == null ? bufferFor(input) : input.gradient;
            if (node.operation.vjpInto(k, node.inputValues, node.value, node.gradient, target, !first)) {
                reached(input);
                return;
            }
        }
        DMatrixRMaj into = first && parameter == null ? bufferFor(input) : contribution;
        DMatrixRMaj vjp = node.operation.vjp(k, node.inputValues, node.value, node.gradient, into);
        Shape inputShape = input.shape;
        if (vjp == null) {
            throw new ChainruleException(node.operation.name() + ": vjp for input " + k + " returned null");
        }
        if (detectAnomalies) {
            Anomalies.checkBackward(node, k, vjp);
        }
        if (vjp.numRows != inputShape.rows() || vjp.numCols != inputShape.cols()) {
            vjp = Broadcast.reduceTo(vjp, inputShape, reduced);
        }
        if (listener != null) {
            listener.contributed(node, k, vjp);
        }
        if (first) {
            if (vjp != input.gradient) {
                input.gradient = copyInto(vjp, input.gradient);
            }
        } else {
            Elementwise.addInPlace(input.gradient, vjp);
        }
        reached(input);
    }

    /** Marks a node as reached by this pass and, for a parameter, its gradient as written. */
    private void reached(Node node) {
        node.reachedPass = backwardPasses;
        if (node.parameter != null) {
            node.parameter.gradientWritten();
        }
    }

    private DMatrixRMaj bufferFor(Node node) {
        if (node.gradient == null) {
            node.gradient = takeSpare(spareGradients, node.id, node.shape.rows(), node.shape.cols());
            if (node.gradient == null) {
                node.gradient = new DMatrixRMaj(node.shape.rows(), node.shape.cols());
            }
        }
        return node.gradient;
    }

    private static DMatrixRMaj copyInto(DMatrixRMaj source, DMatrixRMaj target) {
        if (target == null) {
            return source.copy();
        }
        target.setTo(source);
        return target;
    }

    private void requireOwn(String where, Node node) {
        ChainruleException.requireNonNull(node, where + ": node");
        requireLive(where);
        if (node.graph != this) {
            throw new ChainruleException(where + ": node " + node.label() + " belongs to a different graph");
        }
    }

    // ---- inspection ----

    /**
     * Every node in creation (topological) order.
     *
     * @return an unmodifiable view.
     */
    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /**
     * Number of recorded nodes.
     *
     * @return the count.
     */
    public int size() {
        return nodes.size();
    }

    /**
     * How many backward passes have run on this graph.
     *
     * @return the count, from 0.
     */
    public int backwardPasses() {
        return backwardPasses;
    }
}
