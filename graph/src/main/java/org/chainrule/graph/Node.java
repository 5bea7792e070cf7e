package org.chainrule.graph;

import java.util.List;
import org.chainrule.core.Axis;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.graph.ops.Abs;
import org.chainrule.graph.ops.AddBroadcast;
import org.chainrule.graph.ops.Concat;
import org.chainrule.graph.ops.Detach;
import org.chainrule.graph.ops.Divide;
import org.chainrule.graph.ops.Exp;
import org.chainrule.graph.ops.Expand;
import org.chainrule.graph.ops.Extremum;
import org.chainrule.graph.ops.GatherRows;
import org.chainrule.graph.ops.Log;
import org.chainrule.graph.ops.LogSoftmax;
import org.chainrule.graph.ops.MatMul;
import org.chainrule.graph.ops.Max;
import org.chainrule.graph.ops.MaxMask;
import org.chainrule.graph.ops.MultiplyBroadcast;
import org.chainrule.graph.ops.Pad;
import org.chainrule.graph.ops.Power;
import org.chainrule.graph.ops.Relu;
import org.chainrule.graph.ops.Reshape;
import org.chainrule.graph.ops.Scale;
import org.chainrule.graph.ops.ScatterAddRows;
import org.chainrule.graph.ops.Sigmoid;
import org.chainrule.graph.ops.Slice;
import org.chainrule.graph.ops.Softmax;
import org.chainrule.graph.ops.Sqrt;
import org.chainrule.graph.ops.Square;
import org.chainrule.graph.ops.Step;
import org.chainrule.graph.ops.Sum;
import org.chainrule.graph.ops.Tanh;
import org.chainrule.graph.ops.Transpose;
import org.chainrule.graph.ops.TransposedMatMul;
import org.ejml.data.DMatrixRMaj;

/**
 * One recorded value in a {@link Graph}: a leaf (parameter, input or constant) or the output
 * of an {@link Operation} applied to earlier nodes. Its value is computed when the node is
 * recorded and never changes.
 *
 * <p>The fluent methods record new nodes in the same graph, so a network reads like the
 * maths: {@code x.matmul(w1).add(b1).sigmoid().matmul(w2).add(b2)}. Each throws what
 * {@link Graph#apply} throws: a {@link org.chainrule.core.ShapeMismatchException} naming the
 * operation, the shapes, the rule and any named nodes; a {@link ChainruleException} for a
 * null operand or one from another graph; and, with the graph's anomaly detection on, an
 * {@link AnomalyException} if the value computed holds NaN or an infinity.
 *
 * <p>Not thread-safe: a node is used by the one thread that uses its graph.
 */
public final class Node {
    /** What kind of node this is. */
    public enum Kind {
        /** A trainable leaf: backward computes its gradient and adds it to its {@link Parameter}. */
        PARAMETER,
        /** A data leaf (for example a batch of examples): no gradient. */
        INPUT,
        /** A fixed leaf (for example targets or a mask): no gradient. */
        CONSTANT,
        /** The output of an operation. */
        OPERATION
    }

    final Graph graph;
    final int id;
    final Kind kind;
    final Operation operation;
    final Node[] inputs;
    final DMatrixRMaj[] inputValues;
    final DMatrixRMaj value;
    /** The value's shape, fixed when the node is recorded. */
    final Shape shape;
    /** For an input or constant: the tensor it was recorded from (whose matrix is {@link #value}). */
    Tensor leafTensor;
    final Parameter parameter;
    /** Whether some parameter lies upstream, so that a gradient with respect to this node is useful. */
    final boolean requiresGradient;
    private String name;
    /**
     * Set when {@link #value()} is read: a recording that read values may have branched on
     * them, which {@link Replay} must know before it re-evaluates the graph at other values.
     */
    boolean valueRead;

    /**
     * This node's gradient buffer, from its graph's pool: its gradient from the latest backward
     * pass. For a parameter, the contributions that were not added straight into the
     * parameter's gradient ({@link Operation#addsVjpInPlace}); the pass adds them there when it
     * reaches the node.
     */
    DMatrixRMaj gradient;
    /**
     * The backward pass that last reached this node (seeded it or handed it a gradient);
     * {@link #gradient} is stale when this differs from the graph's.
     */
    int reachedPass;

    Node(Graph graph, int id, Kind kind, String name, Operation operation, Node[] inputs, DMatrixRMaj[] inputValues,
         DMatrixRMaj value, Shape shape, Parameter parameter, boolean requiresGradient) {
        this.graph = graph;
        this.id = id;
        this.kind = kind;
        this.name = name;
        this.operation = operation;
        this.inputs = inputs;
        this.inputValues = inputValues;
        this.value = value;
        this.shape = shape;
        this.parameter = parameter;
        this.requiresGradient = requiresGradient;
    }

    /**
     * The node's value.
     *
     * @return the value: a snapshot for parameters (which optimizers update) and operations
     *     (whose buffers a {@link Graph#recycle() recycled} graph reuses).
     * @throws ChainruleException if the graph has been recycled.
     */
    public Tensor value() {
        graph.requireLive("value", this);
        valueRead = true;
        // Input and constant leaves hold their tensors' own (immutable) matrices.
        return leafTensor != null ? leafTensor : Tensor.copyOf(value);
    }

    /**
     * The gradient of the latest backward pass's output with respect to this node,
     * {@code dL/dnode}, shaped like the node.
     *
     * <p>For a {@link Kind#PARAMETER} node this is the parameter's accumulated gradient.
     * For an operation node it is the gradient from the latest backward pass only; a node that
     * pass did not reach has a zero gradient.
     *
     * @return a snapshot of the gradient.
     * @throws ChainruleException if no parameter lies upstream of this node (inputs and
     *     constants get no gradient), if no backward pass has run on this graph, or if the
     *     graph has been recycled.
     */
    public Tensor gradient() {
        graph.requireLive("gradient", this);
        if (!requiresGradient) {
            throw new ChainruleException("node " + label() + " has no gradient: it does not depend on any parameter."
                    + " Record the leaves you want gradients for with graph.parameter(...)");
        }
        if (parameter != null) {
            return parameter.gradient();
        }
        if (graph.backwardPasses() == 0) {
            throw new ChainruleException("node " + label() + " has no gradient yet: call graph.backward(loss) first");
        }
        if (reachedPass != graph.backwardPasses()) {
            return Tensor.zeros(value.numRows, value.numCols);
        }
        return Tensor.copyOf(gradient);
    }

    /**
     * Whether backward computes a gradient for this node (some parameter lies upstream).
     *
     * @return true for parameters and the operations that depend on one.
     */
    public boolean requiresGradient() {
        return requiresGradient;
    }

    /**
     * The node's shape.
     *
     * @return {@code rows x cols}.
     */
    public Shape shape() {
        return shape;
    }

    /**
     * The node's kind.
     *
     * @return parameter, input, constant or operation.
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The operation that produced this node.
     *
     * @return the operation, or null for a leaf.
     */
    public Operation operation() {
        return operation;
    }

    /**
     * The parameter behind a {@link Kind#PARAMETER} node.
     *
     * @return the parameter, or null for other kinds.
     */
    public Parameter parameter() {
        return parameter;
    }

    /**
     * The nodes this node was computed from, in argument order.
     *
     * @return an unmodifiable list, empty for a leaf.
     */
    public List<Node> inputs() {
        return List.of(inputs);
    }

    /**
     * The position of this node in its graph's creation order (a topological order).
     *
     * @return the index, from 0.
     */
    public int id() {
        return id;
    }

    /**
     * The graph this node belongs to.
     *
     * @return the graph.
     */
    public Graph graph() {
        return graph;
    }

    /**
     * The display name.
     *
     * @return the name, or null if none was given.
     */
    public String name() {
        return name;
    }

    /**
     * Sets the display name used in traces, pictures and error messages, and returns this
     * node so the call chains.
     *
     * @param newName the name.
     * @return this node.
     */
    public Node setName(String newName) {
        this.name = newName;
        return this;
    }

    /**
     * Whether this node belongs to a backward pass recorded as a graph: {@link Graph#gradients}
     * recorded it (a gradient, or a step towards one), so that traces and pictures can show it
     * apart from the forward pass.
     *
     * @return true for a node that {@code gradients} recorded.
     */
    public boolean isBackward() {
        return graph.recordedBackward(id);
    }

    /**
     * For a node of a backward pass recorded as a graph, the forward node whose operation's
     * graph rule ({@link Operation#vjpGraph}) recorded it: what a second-order check names when
     * a derivative goes wrong there.
     *
     * @return the forward node, or null for a node no graph rule recorded (a sum of
     *     contributions, a seed, any forward node).
     */
    public Node recordedByRuleOf() {
        return graph.ruleOf(id);
    }

    /**
     * A short label for messages: the name if there is one, else the operation and id.
     *
     * @return e.g. {@code 'h1'} or {@code #4 sigmoid}.
     */
    public String label() {
        if (name != null) {
            return "'" + name + "'";
        }
        return "#" + id + " " + (operation == null ? kind.name().toLowerCase(java.util.Locale.ROOT) : operation.name());
    }

    // ---- the seven primitives ----

    /**
     * Matrix product {@code this · other}.
     *
     * @param other the right operand.
     * @return the new node.
     */
    public Node matmul(Node other) {
        return graph.record(MatMul.INSTANCE, new Node[] {this, other});
    }

    /**
     * Addition with broadcasting: {@code this + other}, where either may be a {@code 1x1}
     * scalar, a {@code 1xn} row or an {@code mx1} column repeated over the other.
     *
     * @param other the right operand.
     * @return the new node.
     */
    public Node add(Node other) {
        return graph.record(AddBroadcast.INSTANCE, new Node[] {this, other});
    }

    /**
     * Logistic sigmoid {@code 1 / (1 + e^-x)}, element-wise.
     *
     * @return the new node.
     */
    public Node sigmoid() {
        return graph.record(Sigmoid.INSTANCE, new Node[] {this});
    }

    /**
     * Hyperbolic tangent, element-wise.
     *
     * @return the new node.
     */
    public Node tanh() {
        return graph.record(Tanh.INSTANCE, new Node[] {this});
    }

    /**
     * Rectified linear unit {@code max(0, x)}, element-wise.
     *
     * @return the new node.
     */
    public Node relu() {
        return graph.record(Relu.INSTANCE, new Node[] {this});
    }

    /**
     * Softmax along an axis: each row ({@link Axis#EACH_ROW}) or each column
     * ({@link Axis#EACH_COLUMN}) sums to 1.
     *
     * @param axis which slices to normalise.
     * @return the new node.
     * @throws ChainruleException if {@code axis} is null.
     */
    public Node softmax(Axis axis) {
        return graph.record(new Softmax(axis), new Node[] {this});
    }

    /**
     * Natural logarithm, element-wise ({@code log(0) = -infinity}).
     *
     * @return the new node.
     */
    public Node log() {
        return graph.record(Log.INSTANCE, new Node[] {this});
    }

    // ---- support operations ----

    /**
     * Exponential {@code e^x}, element-wise.
     *
     * @return the new node.
     */
    public Node exp() {
        return graph.record(Exp.INSTANCE, new Node[] {this});
    }

    /**
     * Element-wise product with broadcasting, {@code this * other}.
     *
     * @param other the right operand.
     * @return the new node.
     */
    public Node mul(Node other) {
        return graph.record(MultiplyBroadcast.INSTANCE, new Node[] {this, other});
    }

    /**
     * Multiplication by a constant, {@code c * this}.
     *
     * @param c the constant.
     * @return the new node.
     */
    public Node scale(double c) {
        return graph.record(new Scale(c), new Node[] {this});
    }

    /**
     * Negation, {@code -this} (composed: scale by -1).
     *
     * @return the new node.
     */
    public Node neg() {
        return scale(-1.0);
    }

    /**
     * Subtraction with broadcasting, {@code this - other} (composed: {@code this + (-other)}).
     *
     * @param other the right operand.
     * @return the new node.
     */
    public Node sub(Node other) {
        if (other == null) {
            throw new ChainruleException("subtract: the right operand is null");
        }
        if (other.graph != graph) {
            throw new ChainruleException("subtract: node " + other.label() + " belongs to a different graph than "
                    + label() + ": all of an operation's inputs must be recorded in one graph");
        }
        return add(other.neg());
    }

    /**
     * The sum of all elements, a {@code 1x1} node.
     *
     * @return the new node.
     */
    public Node sum() {
        return graph.record(Sum.ALL, new Node[] {this});
    }

    /**
     * Sums along an axis: {@link Axis#EACH_ROW} gives an {@code mx1} column of row sums,
     * {@link Axis#EACH_COLUMN} a {@code 1xn} row of column sums.
     *
     * @param axis which slices to sum.
     * @return the new node.
     * @throws ChainruleException if {@code axis} is null.
     */
    public Node sum(Axis axis) {
        return graph.record(Sum.along(axis), new Node[] {this});
    }

    /**
     * The mean of all elements, a {@code 1x1} node (composed: sum scaled by {@code 1/n}).
     *
     * @return the new node.
     */
    public Node mean() {
        return sum().scale(1.0 / value.getNumElements());
    }

    /**
     * The mean along an axis (composed: the axis sum scaled by one over the slice length).
     *
     * @param axis which slices to average.
     * @return the new node.
     * @throws ChainruleException if {@code axis} is null.
     */
    public Node mean(Axis axis) {
        Sum sum = Sum.along(axis);
        int length = axis == Axis.EACH_ROW ? value.numCols : value.numRows;
        return graph.record(sum, new Node[] {this}).scale(1.0 / length);
    }

    // ---- shape operations ----

    /**
     * Transpose, {@code this^T}: an {@code m x n} node gives {@code n x m}.
     *
     * @return the new node.
     */
    public Node transpose() {
        return graph.record(Transpose.INSTANCE, new Node[] {this});
    }

    /**
     * The same elements, in row-major order, in a {@code rows x cols} node: a {@code 2x3}
     * node reshaped to {@code 3x2} keeps {@code 1 2 3 4 5 6} in order.
     *
     * @param rows the new number of rows, at least 1.
     * @param cols the new number of columns, at least 1; {@code rows * cols} must be this
     *     node's number of elements.
     * @return the new node.
     * @throws ChainruleException if {@code rows} or {@code cols} is less than 1.
     */
    public Node reshape(int rows, int cols) {
        return graph.record(new Reshape(rows, cols), new Node[] {this});
    }

    /**
     * Stacks vertically: this node's rows, then each of {@code more}'s, all with the same
     * number of columns. With no {@code more}, a copy of this node.
     *
     * @param more the nodes to stack below this one, in order.
     * @return the new node.
     */
    public Node concatRows(Node... more) {
        return graph.record(Concat.ROWS, withThis("concatRows", more));
    }

    /**
     * Places side by side: this node's columns, then each of {@code more}'s, all with the same
     * number of rows. With no {@code more}, a copy of this node.
     *
     * @param more the nodes to place to the right of this one, in order.
     * @return the new node.
     */
    public Node concatColumns(Node... more) {
        return graph.record(Concat.COLUMNS, withThis("concatColumns", more));
    }

    private Node[] withThis(String operation, Node[] more) {
        ChainruleException.requireNonNull(more, operation, "the array of nodes");
        Node[] all = new Node[more.length + 1];
        all[0] = this;
        System.arraycopy(more, 0, all, 1, more.length);
        return all;
    }

    /**
     * The rows {@code from} (included) to {@code to} (excluded), {@code this[from:to, :]}.
     *
     * @param from the first row, at least 0.
     * @param to one past the last row, greater than {@code from} and at most this node's rows.
     * @return the new node.
     */
    public Node sliceRows(int from, int to) {
        return graph.record(Slice.rows(from, to), new Node[] {this});
    }

    /**
     * The columns {@code from} (included) to {@code to} (excluded), {@code this[:, from:to]}.
     *
     * @param from the first column, at least 0.
     * @param to one past the last column, greater than {@code from} and at most this node's
     *     columns.
     * @return the new node.
     */
    public Node sliceColumns(int from, int to) {
        return graph.record(Slice.columns(from, to), new Node[] {this});
    }

    /**
     * Looks rows of this table up by index (an embedding lookup): row {@code k} of the result
     * is row {@code indices[k]} of this node. Backward adds each row's gradient into the table
     * row it came from; the indices get none.
     *
     * @param indices an {@code m x 1} input or constant of whole numbers in
     *     {@code [0, rows)}; no parameter may lie behind it.
     * @return the new {@code m x cols} node.
     * @throws ChainruleException if an index is not a whole number in {@code [0, rows)}, or
     *     if {@code indices} depends on a parameter (indices are data, not trainable).
     */
    public Node gatherRows(Node indices) {
        if (indices != null && indices.requiresGradient) {
            throw new ChainruleException("gatherRows: the indices " + indices.label() + " depend on a parameter, but"
                    + " indices are data, not trainable: record them with graph.input(...) or graph.constant(...)");
        }
        return graph.record(GatherRows.INSTANCE, new Node[] {this, indices});
    }

    /**
     * This node's value with no gradient flowing back through it (stop-gradient, as PyTorch's
     * {@code detach} and JAX's {@code stop_gradient}): an operation, recomputed with the
     * graph, that backward and {@link Graph#gradients} treat as a constant.
     *
     * @return the new node, with this node's value.
     */
    public Node detach() {
        return graph.record(Detach.INSTANCE, new Node[] {this});
    }

    /**
     * {@code this^T b}, without forming the transpose (what {@code matmul}'s graph rule records
     * for {@code dB = A^T G}).
     *
     * @param b a node with as many rows as this one.
     * @return the new {@code cols x b.cols} node.
     * @throws org.chainrule.core.ShapeMismatchException if the rows differ.
     */
    public Node transposedMatmul(Node b) {
        return graph.record(TransposedMatMul.TRANS_A, new Node[] {this, b});
    }

    /**
     * {@code this b^T}, without forming the transpose (what {@code matmul}'s graph rule records
     * for {@code dA = G B^T}).
     *
     * @param b a node with as many columns as this one.
     * @return the new {@code rows x b.rows} node.
     * @throws org.chainrule.core.ShapeMismatchException if the columns differ.
     */
    public Node matmulTransposed(Node b) {
        return graph.record(TransposedMatMul.TRANS_B, new Node[] {this, b});
    }

    // ---- the adjoints of sum, slice, gatherRows and relu's mask ----

    /**
     * This {@code 1xn} row, {@code mx1} column or {@code 1x1} scalar repeated over
     * {@code rows x cols} (a node of that shape is copied): the adjoint of {@link #sum(Axis)}.
     * Backward sums the gradient back over the repeated rows or columns.
     *
     * @param rows the result's rows.
     * @param cols the result's columns.
     * @return the new {@code rows x cols} node.
     * @throws ChainruleException if a size is less than 1.
     * @throws org.chainrule.core.ShapeMismatchException if this node does not broadcast to the shape.
     */
    public Node expand(int rows, int cols) {
        return graph.record(Expand.to(rows, cols), new Node[] {this});
    }

    /**
     * This node's rows placed from row {@code from} among {@code total} rows of zeros: the
     * adjoint of {@link #sliceRows}. Backward slices the gradient where this node sits.
     *
     * @param from where the first row goes, at least 0.
     * @param total the result's rows, at least {@code from} plus this node's rows.
     * @return the new {@code total x cols} node.
     * @throws ChainruleException if the rows do not fit.
     */
    public Node padRows(int from, int total) {
        return graph.record(Pad.rows(from, total), new Node[] {this});
    }

    /**
     * This node's columns placed from column {@code from} among {@code total} columns of
     * zeros: the adjoint of {@link #sliceColumns}.
     *
     * @param from where the first column goes, at least 0.
     * @param total the result's columns, at least {@code from} plus this node's columns.
     * @return the new {@code rows x total} node.
     * @throws ChainruleException if the columns do not fit.
     */
    public Node padColumns(int from, int total) {
        return graph.record(Pad.columns(from, total), new Node[] {this});
    }

    /**
     * Adds this node's rows into a table of {@code tableRows} zero rows by index: row
     * {@code indices[k]} of the result gets row {@code k} of this node added (the adjoint of
     * {@link #gatherRows}). Backward gathers the gradient's rows; the indices get none.
     *
     * @param indices an {@code m x 1} input or constant of whole numbers in
     *     {@code [0, tableRows)}, one per row of this node; no parameter may lie behind it.
     * @param tableRows the result's rows.
     * @return the new {@code tableRows x cols} node.
     * @throws ChainruleException if an index is not a whole number in {@code [0, tableRows)}, or
     *     if {@code indices} depends on a parameter.
     */
    public Node scatterAddRows(Node indices, int tableRows) {
        if (indices != null && indices.requiresGradient) {
            throw new ChainruleException("scatterAddRows: the indices " + indices.label() + " depend on a parameter,"
                    + " but indices are data, not trainable: record them with graph.input(...) or"
                    + " graph.constant(...)");
        }
        return graph.record(ScatterAddRows.into(tableRows), new Node[] {this, indices});
    }

    /**
     * The unit step, element-wise: 1 where this node is positive, else 0 (relu's derivative as
     * a mask that is recomputed with the graph). Its own derivative is 0.
     *
     * @return the new node.
     */
    public Node step() {
        return graph.record(Step.INSTANCE, new Node[] {this});
    }

    /**
     * Where the maximum of all elements is: 1 at the first maximal element (row-major), 0
     * elsewhere ({@link #max()}'s derivative as a mask, recomputed with the graph). Its own
     * derivative is 0.
     *
     * @return the new node, shaped like this one.
     */
    public Node maxMask() {
        return graph.record(MaxMask.ALL, new Node[] {this});
    }

    /**
     * Where the maximum of each row or column is: 1 at the first maximal element of each, 0
     * elsewhere ({@link #max(Axis)}'s derivative as a mask). Its own derivative is 0.
     *
     * @param axis {@link Axis#EACH_ROW} or {@link Axis#EACH_COLUMN}.
     * @return the new node, shaped like this one.
     * @throws ChainruleException if {@code axis} is null.
     */
    public Node maxMask(Axis axis) {
        return graph.record(MaxMask.along(axis), new Node[] {this});
    }

    // ---- powers, absolute values, maxima and log-softmax ----

    /**
     * Power with a constant exponent, {@code this^p}, element-wise (NaN for a negative element
     * when {@code p} is not a whole number).
     *
     * @param p the exponent.
     * @return the new node.
     * @throws ChainruleException if {@code p} is NaN or infinite.
     */
    public Node pow(double p) {
        return graph.record(new Power(p), new Node[] {this});
    }

    /**
     * Square root, element-wise (NaN for a negative element).
     *
     * @return the new node.
     */
    public Node sqrt() {
        return graph.record(Sqrt.INSTANCE, new Node[] {this});
    }

    /**
     * Absolute value {@code |x|}, element-wise; its derivative at 0 is taken as 0.
     *
     * @return the new node.
     */
    public Node abs() {
        return graph.record(Abs.INSTANCE, new Node[] {this});
    }

    /**
     * Square {@code x^2}, element-wise.
     *
     * @return the new node.
     */
    public Node square() {
        return graph.record(Square.INSTANCE, new Node[] {this});
    }

    /**
     * The maximum of all elements, a {@code 1x1} node; at a tie the first maximal element in
     * row-major order takes the gradient.
     *
     * @return the new node.
     */
    public Node max() {
        return graph.record(Max.ALL, new Node[] {this});
    }

    /**
     * Maxima along an axis: {@link Axis#EACH_ROW} gives an {@code mx1} column of row maxima,
     * {@link Axis#EACH_COLUMN} a {@code 1xn} row of column maxima; at a tie the slice's first
     * maximal element takes the gradient.
     *
     * @param axis which slices to reduce.
     * @return the new node.
     * @throws ChainruleException if {@code axis} is null.
     */
    public Node max(Axis axis) {
        return graph.record(Max.along(axis), new Node[] {this});
    }

    /**
     * Log-softmax along an axis, {@code x - log sum e^x} over each row ({@link Axis#EACH_ROW})
     * or each column ({@link Axis#EACH_COLUMN}), computed stably.
     *
     * @param axis which slices to normalise.
     * @return the new node.
     * @throws ChainruleException if {@code axis} is null.
     */
    public Node logSoftmax(Axis axis) {
        return graph.record(new LogSoftmax(axis), new Node[] {this});
    }

    // ---- broadcasting arithmetic ----

    /**
     * Element-wise quotient with broadcasting, {@code this / other} (as {@link #add} broadcasts).
     *
     * @param other the denominator.
     * @return the new node.
     */
    public Node div(Node other) {
        return graph.record(Divide.INSTANCE, new Node[] {this, other});
    }

    /**
     * Element-wise maximum with broadcasting, {@code max(this, other)}; on a tie the gradient
     * goes to {@code this}.
     *
     * @param other the right operand.
     * @return the new node.
     */
    public Node maximum(Node other) {
        return graph.record(Extremum.MAXIMUM, new Node[] {this, other});
    }

    /**
     * Element-wise minimum with broadcasting, {@code min(this, other)}; on a tie the gradient
     * goes to {@code this}.
     *
     * @param other the right operand.
     * @return the new node.
     */
    public Node minimum(Node other) {
        return graph.record(Extremum.MINIMUM, new Node[] {this, other});
    }

    @Override
    public String toString() {
        return "Node " + label() + " " + shape();
    }
}
