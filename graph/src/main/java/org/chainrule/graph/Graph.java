package org.chainrule.graph;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
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
 * again and adds the parameter gradients a second time. {@link #computeGradients(Node)} is
 * the functional form: the same gradients, returned, and nothing else changed.
 *
 * <p>Who adds: each operation's {@link Operation#vjp} only writes its contribution into a
 * buffer; the engine alone sums them (Autodidax's {@code write_cotangent}), writing a node's
 * first contribution straight into its gradient buffer and adding later ones to it. The one
 * exception is measured, and optional: a matrix product into a parameter's gradient is added
 * in the product itself ({@link Operation#addsVjpInPlace}).
 *
 * <p>Buffers: every operation's value and every gradient lives in a buffer from the graph's
 * pool, which {@link #recycle()} hands to the next graph, so that a training loop recording
 * the same network every step reuses them instead of allocating.
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
    private static final Node[] NO_INPUTS = new Node[0];
    private static final DMatrixRMaj[] NO_VALUES = new DMatrixRMaj[0];
    /** The seed of a backward pass from a scalar: {@code dL/dL = 1}. */
    private static final Tensor ONE = Tensor.scalar(1.0);
    /** The nodes {@link #gradients} recorded, by id; null until it records one. */
    private java.util.BitSet backwardNodes;
    /** For a node a graph rule recorded, by id, the forward node whose rule it was; null until then. */
    private java.util.Map<Integer, Node> ruleOf;
    private final List<Node> nodes;
    private final BufferPool pool;
    private int backwardPasses;
    private boolean detectAnomalies;
    /** Set by {@link #recycle()}: the pool now belongs to the next graph. */
    private boolean ended;

    /** An empty graph, with anomaly detection off. */
    public Graph() {
        this(new BufferPool(), 16);
    }

    private Graph(BufferPool pool, int expectedNodes) {
        this.pool = pool;
        this.nodes = new ArrayList<>(expectedNodes);
    }

    /**
     * Ends this graph and returns a new, empty one that reuses its buffers: a training loop
     * that records the same network every step then allocates almost nothing, with its
     * values and gradients staying in cache. The node at each position of the new graph takes
     * the value and gradient buffers of the node at the same position here, when they are big
     * enough. Anomaly detection carries over. Parameters are not affected: their values and
     * gradients are their own.
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
        requireLive("recycle", null);
        ended = true;
        return new Graph(pool.handOver(nodes), nodes.size()).setDetectAnomalies(detectAnomalies);
    }

    /**
     * Whether {@link #recycle()} has ended this graph.
     *
     * @return true if its buffers now belong to a newer graph.
     */
    public boolean isRecycled() {
        return ended;
    }

    /** Refuses any use of a graph that {@link #recycle()} ended. */
    void requireLive(String where, Node node) {
        if (ended) {
            throw new ChainruleException(where + (node == null ? "" : " of node " + node.label())
                    + ": this graph was recycled (Graph.recycle()), so its buffers now belong to the next graph;"
                    + " read what you need before recycling, or record a new graph");
        }
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
    // Input and constant values may hold NaN or infinities: they are not refused here, and
    // anomaly detection reports the first operation that reads them.

    /**
     * Records a data leaf, which gets no gradient.
     *
     * @param name the display name, or null.
     * @param value the value.
     * @return the new node.
     * @throws ChainruleException if {@code value} is null.
     */
    public Node input(String name, Tensor value) {
        return leaf(Node.Kind.INPUT, "Graph.input", name, value);
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
        return leaf(Node.Kind.CONSTANT, "Graph.constant", name, value);
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
        requireLive("Graph.parameter", null);
        Node node = pool.parameters.get(parameter);
        if (node == null) {
            node = new Node(this, nodes.size(), Node.Kind.PARAMETER, parameter.name(), null, NO_INPUTS, NO_VALUES,
                    parameter.mutableValue(), parameter.shape(), parameter, true);
            nodes.add(node);
            pool.parameters.put(parameter, node);
        }
        return node;
    }

    private Node leaf(Node.Kind kind, String where, String name, Tensor value) {
        requireLive(where, null);
        ChainruleException.requireNonNull(value, where, "value");
        Node node = new Node(this, nodes.size(), kind, name, null, NO_INPUTS, NO_VALUES, value.matrixView(),
                value.shape(), null, false);
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
     *     or the operation breaks its contract (it reshaped its output).
     */
    public Node apply(Operation operation, Node... inputs) {
        ChainruleException.requireNonNull(operation, "Graph.apply: operation");
        ChainruleException.requireNonNull(inputs, operation.name(), "the array of inputs");
        return record(operation, inputs.clone());
    }

    /** {@link #apply} for {@link Node}'s fluent methods, which pass a new array of their own. */
    Node record(Operation operation, Node[] args) {
        requireLive(operation.name(), null);
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
        Shape shape = outputShape(operation, args);
        DMatrixRMaj value = pool.value(nodes.size(), shape);
        operation.forward(values, value);
        if (value.numRows != shape.rows() || value.numCols != shape.cols()) {
            throw new ChainruleException(operation.name() + ": forward reshaped its output to " + value.numRows + "x"
                    + value.numCols + " but outputShape promised " + shape);
        }
        if (detectAnomalies) {
            Anomalies.checkForward(operation, args, value, nodes.size());
        }
        Node node = new Node(this, nodes.size(), Node.Kind.OPERATION, null, operation, args, values, value, shape,
                null, requiresGradient && operation.passesGradients());
        nodes.add(node);
        return node;
    }

    /** The operation's output shape, its shape errors naming the input nodes that have names. */
    private static Shape outputShape(Operation operation, Node[] args) {
        try {
            return operation.outputShape(new AbstractList<>() {
                @Override
                public Shape get(int i) {
                    return args[i].shape;
                }

                @Override
                public int size() {
                    return args.length;
                }
            });
        } catch (ShapeMismatchException e) {
            String named = Anomalies.namedInputs(args);
            if (named.isEmpty()) {
                throw e;
            }
            throw new ShapeMismatchException(e.getMessage() + " " + named, e);
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
        requireScalar("backward", "backward(node, seedGradient)", loss);
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
     * {@code dh'/dh · Delta(h')} as it is handed over.
     *
     * @param output a node of this graph that depends on at least one parameter.
     * @param seed the gradient of some scalar with respect to {@code output}, same shape.
     * @param listener told of each node reached and each edge's contribution, or null.
     * @throws ShapeMismatchException if the seed's shape differs from the output's.
     * @throws ChainruleException if {@code output} depends on no parameter.
     */
    public void backward(Node output, Tensor seed, BackwardListener listener) {
        pass("backward", output, seed, listener, null);
    }

    /**
     * The gradient of a {@code 1x1} node with respect to another, recorded as a node of this
     * graph, so that it can be used in further operations and differentiated again, to any
     * order (PyTorch's {@code torch.autograd.grad(..., create_graph=True)}, JAX's {@code grad}).
     * <pre>{@code
     * Node y = x.pow(3).sum();
     * Node dy = graph.gradient(y, x);                // 3 x^2, a node
     * Node d2y = graph.gradient(dy.sum(), x);        // 6 x
     * }</pre>
     * See {@link #gradients(Node, Node, List)} for what may be differentiated and what is recorded.
     *
     * @param output a {@code 1x1} node of this graph.
     * @param wrt a node of this graph: a parameter, a data input, a constant or an intermediate node.
     * @return {@code d output / d wrt}, shaped like {@code wrt}.
     * @throws ShapeMismatchException if {@code output} is not {@code 1x1}.
     * @throws ChainruleException if an argument is null or belongs to another graph, or an
     *     operation on the way has no graph rule (naming it).
     */
    public Node gradient(Node output, Node wrt) {
        requireScalar("gradient", "gradients(output, seed, wrt)", output);
        return gradients(output, List.of(ChainruleException.requireNonNull(wrt, "gradient: wrt"))).get(0);
    }

    /**
     * The gradients of a {@code 1x1} node with respect to several nodes, recorded as nodes of
     * this graph (see {@link #gradients(Node, Node, List)}).
     *
     * @param output a {@code 1x1} node of this graph.
     * @param wrt nodes of this graph.
     * @return {@code d output / d wrt[i]} for each, in order.
     * @throws ShapeMismatchException if {@code output} is not {@code 1x1}.
     * @throws ChainruleException if an argument is null or belongs to another graph, or an
     *     operation on the way has no graph rule.
     */
    public List<Node> gradients(Node output, Node... wrt) {
        requireScalar("gradients", "gradients(output, seed, wrt)", output);
        ChainruleException.requireNonNull(wrt, "gradients: wrt");
        for (Node w : wrt) {
            requireOwn("gradients: a node to differentiate with respect to", w);
        }
        return gradients(output, List.of(wrt));
    }

    /** The gradients of a {@code 1x1} output, seeded with a constant 1 that is marked as part of the backward pass. */
    private List<Node> gradients(Node output, List<Node> wrt) {
        for (Node w : wrt) {
            requireOwn("gradients: a node to differentiate with respect to", w);
        }
        int first = nodes.size();
        return GradientGraph.of(this, output, constant(ONE), wrt, first);
    }

    /**
     * The backward pass recorded as a graph: the vector-Jacobian products {@code seed . d output
     * / d wrt[i]} as nodes of this graph, made by each operation's graph rule
     * ({@link Operation#vjpGraph}) and summed over every path with {@code add} nodes. The
     * returned nodes can be used in further operations and differentiated again, to any
     * order; nodes that depend on parameters require gradients, so {@code backward} of a loss
     * built from them reaches the parameters (a gradient penalty, a physics-informed residual).
     *
     * <ul>
     * <li>{@code wrt} may be a parameter, a data input, a constant or an intermediate node: the
     *     call works out which nodes lie between each {@code wrt} and {@code output} itself,
     *     whether or not they depend on a parameter.</li>
     * <li>A {@code wrt} that {@code output} does not depend on (or only through
     *     {@link Node#detach()}, a step or a mask) gets a zero constant of its shape.</li>
     * <li>Nothing else changes: no {@link Parameter}'s gradient and no node's
     *     {@link Node#gradient()}.</li>
     * <li>Every node the call records is marked ({@link Node#isBackward()}); a gradient it made
     *     and that has no name is named {@code d(output)/d(wrt)} after the nodes' names or ids.</li>
     * <li>It records a few nodes per forward node on the way (its graph rule's), so it costs a
     *     few forward passes; the recording is a loop, not a recursion.</li>
     * </ul>
     *
     * @param output a node of this graph.
     * @param seed a node of {@code output}'s shape (it may itself depend on nodes: a Jacobian-
     *     or Hessian-vector product).
     * @param wrt nodes of this graph. Not modified.
     * @return the products, one per {@code wrt}, each shaped like it.
     * @throws ShapeMismatchException if the seed's shape differs from the output's.
     * @throws ChainruleException if an argument is null or belongs to another graph, or an
     *     operation on the way has no graph rule (naming it and what to supply).
     */
    public List<Node> gradients(Node output, Node seed, List<Node> wrt) {
        requireOwn("gradients: output", output);
        requireOwn("gradients: seed", seed);
        ChainruleException.requireNonNull(wrt, "gradients: the list of nodes to differentiate with respect to");
        for (Node w : wrt) {
            requireOwn("gradients: a node to differentiate with respect to", w);
        }
        if (!seed.shape.equals(output.shape)) {
            throw new ShapeMismatchException("gradients: the seed is " + seed.shape + " but the output "
                    + output.label() + " is " + output.shape + ": the seed must have the output's shape");
        }
        return GradientGraph.of(this, output, seed, wrt, nodes.size());
    }


    /**
     * The functional form of backward, as PyTorch's {@code torch.autograd.grad} is to its
     * {@code .backward()}: computes {@code d loss / d node} for every node between the
     * parameters and {@code loss} into buffers of its own, and leaves every
     * {@link Parameter}'s gradient and every node's {@link Node#gradient()} as they were.
     * Ask for gradients this way whenever looking at them must not change what an optimizer
     * will step on.
     * <pre>{@code
     * Gradients g = graph.computeGradients(loss);
     * Tensor dW = g.of(w);                  // w's parameter gradient is untouched
     * }</pre>
     *
     * @param loss a {@code 1x1} node of this graph that depends on at least one parameter.
     * @return the gradients, which stay valid after this graph is recycled.
     * @throws ShapeMismatchException if {@code loss} is not {@code 1x1}.
     * @throws AnomalyException with anomaly detection on, at the first gradient holding NaN or
     *     an infinity.
     * @throws ChainruleException if {@code loss} is null, belongs to another graph or depends
     *     on no parameter.
     */
    public Gradients computeGradients(Node loss) {
        requireScalar("computeGradients", "computeGradients(node, seed, listener)", loss);
        return computeGradients(loss, ONE, null);
    }

    /**
     * {@link #computeGradients(Node)} from any node with an explicit seed, reporting every step
     * to a listener as {@link #backward(Node, Tensor, BackwardListener)} does.
     *
     * @param output a node of this graph that depends on at least one parameter.
     * @param seed {@code Delta(output)}, shaped like the output.
     * @param listener told of each node reached and each edge's contribution, or null.
     * @return the gradients, which stay valid after this graph is recycled.
     * @throws ShapeMismatchException if the seed's shape differs from the output's.
     * @throws ChainruleException if {@code output} depends on no parameter.
     */
    public Gradients computeGradients(Node output, Tensor seed, BackwardListener listener) {
        requireOwn("computeGradients", output);
        DMatrixRMaj[] gradients = new DMatrixRMaj[output.id + 1];
        pass("computeGradients", output, seed, listener, gradients);
        return new Gradients(output, gradients);
    }

    /**
     * One backward pass from {@code output}, seeding {@code Delta(output) = seed}. For
     * {@link #backward} ({@code own == null}) each node's gradient goes into its own buffer from
     * the pool, the node is marked as reached by this pass when its first contribution arrives,
     * and a parameter's gradient, complete when its node is visited, is added into the
     * parameter's. For {@link #computeGradients} the gradients go into new buffers filed in
     * {@code own} by node id (null for a node the pass did not reach), and nothing else changes.
     */
    private void pass(String where, Node output, Tensor seed, BackwardListener listener, DMatrixRMaj[] own) {
        requireOwn(where, output);
        ChainruleException.requireNonNull(seed, where, "seed");
        if (!seed.shape().equals(output.shape())) {
            throw new ShapeMismatchException(where + ": seed is " + seed.shape() + " but node " + output.label()
                    + " is " + output.shape() + ": the seed must have the output's shape");
        }
        if (!output.requiresGradient) {
            throw new ChainruleException(where + ": node " + output.label() + " depends on no parameter, so there"
                    + " is nothing to differentiate. Record the leaves you want gradients for with graph.parameter(...)");
        }
        if (detectAnomalies) {
            Anomalies.checkSeed(output, seed.matrixView());
        }
        if (own == null) {
            backwardPasses++;
        }
        receive(output, own).setTo(seed.matrixView());
        // Reverse creation order is reverse topological order, so a node has received all its
        // consumers' contributions when it is visited. A node that received none lies on no
        // path from a parameter to the output and is skipped.
        for (int i = output.id; i >= 0; i--) {
            Node node = nodes.get(i);
            DMatrixRMaj gradient = received(node, own);
            if (gradient == null) {
                continue;
            }
            if (own == null && node.parameter != null) {
                Elementwise.addInPlace(node.parameter.mutableGradient(), gradient);
            }
            if (listener != null) {
                listener.reached(node);
            }
            for (int k = 0; k < node.inputs.length; k++) {
                if (node.inputs[k].requiresGradient) {
                    propagate(node, k, gradient, own, listener);
                }
            }
        }
    }

    /**
     * Hands {@code d node / d input_k · Delta(node)} to input {@code k}: the operation writes it
     * (into the input's own buffer when it is the first contribution and needs no
     * un-broadcasting, else into scratch), and the engine alone adds it to what the input has
     * received from its other consumers: Autodidax's {@code write_cotangent}.
     */
    private void propagate(Node node, int k, DMatrixRMaj arriving, DMatrixRMaj[] own, BackwardListener listener) {
        Node input = node.inputs[k];
        if (own == null && input.parameter != null && listener == null && !detectAnomalies
                && node.operation.addsVjpInPlace(k)) {
            // The one fused form (a product into a weight's gradient): see Operation.addsVjpInPlace.
            node.operation.addVjpInPlace(k, node.inputValues, node.value, arriving, input.parameter.mutableGradient());
            return;
        }
        boolean broadcast = !input.shape.equals(node.shape) && node.operation.broadcastsInputs();
        DMatrixRMaj sum = received(input, own);
        DMatrixRMaj first = sum == null ? receive(input, own) : null;
        DMatrixRMaj out = first != null && !broadcast ? first : pool.contribution(broadcast ? node.shape : input.shape);
        vjp(node, k, arriving, out);
        if (broadcast) {
            out = Broadcast.reduceTo(out, input.shape, first != null ? first : pool.reduced());
        }
        if (listener != null) {
            listener.contributed(node, k, out);
        }
        if (first == null) {
            Elementwise.addInPlace(sum, out);
        }
    }

    /** The gradient this pass has given {@code node} so far, or null if nothing has reached it. */
    private DMatrixRMaj received(Node node, DMatrixRMaj[] own) {
        if (own != null) {
            return own[node.id];
        }
        return node.reachedPass == backwardPasses ? node.gradient : null;
    }

    /**
     * Marks {@code node} as reached by this pass and returns the buffer its gradient goes in,
     * to be written: a new one ({@code own}), or its own from the pool, kept for later passes.
     */
    private DMatrixRMaj receive(Node node, DMatrixRMaj[] own) {
        if (own != null) {
            return own[node.id] = new DMatrixRMaj(node.shape.rows(), node.shape.cols());
        }
        if (node.gradient == null) {
            node.gradient = pool.gradient(node.id, node.shape);
        }
        node.reachedPass = backwardPasses;
        return node.gradient;
    }

    /**
     * Runs one VJP into {@code out}. With anomaly detection on, {@code out} is filled with NaN
     * first, so that an element the operation leaves unwritten (or reads before writing) shows
     * up in the check that follows, which names the operation.
     */
    private void vjp(Node node, int k, DMatrixRMaj arriving, DMatrixRMaj out) {
        if (detectAnomalies) {
            Arrays.fill(out.data, 0, out.getNumElements(), Double.NaN);
        }
        node.operation.vjp(k, node.inputValues, node.value, arriving, out);
        if (detectAnomalies) {
            Anomalies.checkBackward(node, k, arriving, out);
        }
    }

    /** Refuses a non-scalar output of the seedless forms, naming the seeded form to call instead. */
    private void requireScalar(String where, String seeded, Node output) {
        requireOwn(where, output);
        if (!output.shape().isScalar()) {
            throw new ShapeMismatchException(where + ": node " + output.label() + " is " + output.shape()
                    + ", not 1x1: a gradient needs a scalar output. Reduce it first (for example .sum() or .mean()),"
                    + " or call " + seeded + " with a " + output.shape() + " seed");
        }
    }

    /**
     * Marks nodes {@code from} (included) to {@code to} (excluded) as recorded by
     * {@link #gradients}. Kept beside the nodes, not in them, so that a node of a forward pass
     * (and the backward pass over a million of them) carries nothing for it.
     */
    void markBackward(int from, int to) {
        if (backwardNodes == null) {
            backwardNodes = new java.util.BitSet();
        }
        backwardNodes.set(from, to);
    }

    /** Whether {@link #gradients} recorded node {@code id}. */
    boolean recordedBackward(int id) {
        return backwardNodes != null && backwardNodes.get(id);
    }

    /** Records that the graph rule of {@code forward} recorded nodes {@code from} to {@code to} (excluded). */
    void markRuleOf(int from, int to, Node forward) {
        if (ruleOf == null) {
            ruleOf = new java.util.HashMap<>();
        }
        for (int id = from; id < to; id++) {
            ruleOf.put(id, forward);
        }
    }

    /** The forward node whose graph rule recorded node {@code id}, or null. */
    Node ruleOf(int id) {
        return ruleOf == null ? null : ruleOf.get(id);
    }

    private void requireOwn(String where, Node node) {
        ChainruleException.requireNonNull(node, where, "node");
        requireLive(where, null);
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
