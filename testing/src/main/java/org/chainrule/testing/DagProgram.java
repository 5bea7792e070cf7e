package org.chainrule.testing;

import java.util.ArrayList;
import java.util.List;
import org.chainrule.core.Axis;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.check.GraphFunction;
import org.quicktheories.core.RandomnessSource;

/**
 * A random program of graph operations, as plain data: {@code k} input matrices
 * {@code x0 .. x(k-1)} of one shape {@code m x n}, a mixing matrix {@code xk} ({@code n x n})
 * for matrix products, a list of steps each computing a new {@code m x n} value from earlier
 * ones, and a scalar loss that reads some values out through fixed weights:
 * {@code loss = sum_r sum(v_r * R_r)}.
 *
 * <p>A step's first argument is usually the value just computed (so programs get deep) and
 * its second is any earlier value, so values feed two, three or four later steps and path
 * summation happens at every depth. The loss reads out every value nothing else consumes and
 * a random third of the others, through random weights, so that no path's gradient cancels
 * (as it would through a plain {@code sum} of a softmax). Steps whose values could grow
 * beyond {@code 20} in magnitude are replaced by {@code tanh} when generated, so that finite
 * differences stay accurate.
 *
 * <p>As a {@link GraphFunction} the program records itself; check it with
 * {@code GradientCheck.defaults().check(program, program.checkInputs())}.
 *
 * @param shape the shape {@code m x n} of every value.
 * @param inputs the input values {@code x0 .. x(k-1)}, each {@code m x n}.
 * @param mixer the {@code n x n} right factor of {@link Kind#MATMUL} steps, input {@code xk}.
 * @param steps the steps in order; step {@code s} computes value {@code k + s}.
 * @param readouts the values the loss reads out, with their weights.
 */
public record DagProgram(Shape shape, List<Tensor> inputs, Tensor mixer, List<Step> steps, List<Readout> readouts)
        implements GraphFunction {

    /** The most steps a generated program has. */
    public static final int MAX_STEPS = 10;
    /** The largest dimension of a generated program's values. */
    public static final int MAX_DIMENSION = 4;
    /** Generated steps keep every value's magnitude below this bound. */
    private static final double MAGNITUDE_LIMIT = 20;

    /**
     * Copies the lists into unmodifiable ones and checks that every step reads earlier values.
     *
     * @throws IllegalArgumentException if a step or readout refers to a value that does not
     *     exist before it.
     */
    public DagProgram {
        inputs = List.copyOf(inputs);
        steps = List.copyOf(steps);
        readouts = List.copyOf(readouts);
        for (int s = 0; s < steps.size(); s++) {
            Step step = steps.get(s);
            int available = inputs.size() + s;
            if (step.left() < 0 || step.left() >= available || (step.kind().arity == 2
                    && (step.right() < 0 || step.right() >= available))) {
                throw new IllegalArgumentException("step " + s + " (" + step + ") reads a value that is not computed yet");
            }
        }
        for (Readout readout : readouts) {
            if (readout.value() < 0 || readout.value() >= inputs.size() + steps.size()) {
                throw new IllegalArgumentException("readout of value " + readout.value() + " which does not exist");
            }
        }
        if (readouts.isEmpty()) {
            throw new IllegalArgumentException("a DAG program needs at least one readout");
        }
    }

    /** What a step computes from its arguments {@code a} (and {@code b}). */
    public enum Kind {
        /** {@code sigmoid(a)}. */
        SIGMOID(1),
        /** {@code tanh(a)}. */
        TANH(1),
        /** {@code relu(a)}. */
        RELU(1),
        /** {@code exp(a)}. */
        EXP(1),
        /** {@code log(sigmoid(a))}: a log of a positive value. */
        LOG_SIGMOID(1),
        /** {@code -a}. */
        NEG(1),
        /** {@code c a} for the step's factor {@code c}. */
        SCALE(1),
        /** {@code softmax(a)} over each row. */
        SOFTMAX_ROWS(1),
        /** {@code softmax(a)} over each column. */
        SOFTMAX_COLUMNS(1),
        /** {@code a + b}. */
        ADD(2),
        /** {@code a - b}. */
        SUB(2),
        /** {@code a * b}, element-wise. */
        MUL(2),
        /** {@code a W}, with the program's mixing matrix {@code W}. */
        MATMUL(1),
        /** {@code a + rowsums(b)}: an {@code m x 1} column broadcast on the right. */
        ADD_ROW_SUMS(2),
        /** {@code colsums(b) + a}: a {@code 1 x n} row broadcast on the left. */
        ADD_COLUMN_SUMS(2),
        /** {@code mean(b) * a}: a {@code 1 x 1} scalar broadcast on the left. */
        MEAN_TIMES(2);

        final int arity;

        Kind(int arity) {
            this.arity = arity;
        }

        /**
         * How many earlier values the step reads (the mixing matrix is not counted).
         *
         * @return 1 or 2.
         */
        public int arity() {
            return arity;
        }
    }

    /**
     * One step: {@code value = kind(left, right)}.
     *
     * @param kind the operation.
     * @param left the index of the first argument.
     * @param right the index of the second argument, or -1 for a one-argument kind.
     * @param factor the constant of {@link Kind#SCALE}, 0 otherwise.
     */
    public record Step(Kind kind, int left, int right, double factor) {
    }

    /**
     * One term of the loss, {@code sum(value * weights)}.
     *
     * @param value the index of the value read out.
     * @param weights the fixed weights, shaped like the value.
     */
    public record Readout(int value, Tensor weights) {
    }

    /**
     * Generates a program: shape up to {@code 4x4}, one to three inputs, one to ten steps.
     *
     * @param in QuickTheories' randomness source.
     * @return the program.
     */
    public static DagProgram generate(RandomnessSource in) {
        Shape shape = new Shape(Generators.dimension(in, MAX_DIMENSION), Generators.dimension(in, MAX_DIMENSION));
        int k = Generators.between(in, 1, 3);
        List<Tensor> inputs = new ArrayList<>();
        List<Double> bounds = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            inputs.add(Generators.matrix(in, shape, -3, 3));
            bounds.add(3.0);
        }
        Tensor mixer = Generators.matrix(in, new Shape(shape.cols(), shape.cols()), -1, 1);
        int stepCount = Generators.between(in, 1, MAX_STEPS);
        List<Step> steps = new ArrayList<>();
        for (int s = 0; s < stepCount; s++) {
            int count = k + s;
            Kind kind = Kind.values()[Generators.between(in, 0, Kind.values().length - 1)];
            boolean chain = Generators.between(in, 0, 3) > 0;
            int anyEarlier = Generators.between(in, 0, count - 1);
            int left = chain ? count - 1 : anyEarlier;
            int right = kind.arity == 2 ? Generators.between(in, 0, count - 1) : -1;
            double factor = kind == Kind.SCALE ? Generators.between(in, -2000, 2000) * 1e-3 : 0;
            double bound = bound(kind, bounds.get(left), right < 0 ? 0 : bounds.get(right), factor, shape);
            if (!(bound <= MAGNITUDE_LIMIT)) {
                kind = Kind.TANH;
                right = -1;
                factor = 0;
                bound = 1;
            }
            steps.add(new Step(kind, left, right, factor));
            bounds.add(bound);
        }
        int[] consumers = consumersOf(k, steps);
        List<Readout> readouts = new ArrayList<>();
        for (int v = k; v < k + stepCount; v++) {
            boolean extra = Generators.between(in, 0, 2) == 0;
            if (consumers[v] == 0 || extra) {
                readouts.add(new Readout(v, Generators.matrix(in, shape, -1, 1)));
            }
        }
        return new DagProgram(shape, inputs, mixer, steps, readouts);
    }

    /** An upper bound on the magnitude of a step's value, from bounds on its arguments'. */
    private static double bound(Kind kind, double a, double b, double factor, Shape shape) {
        return switch (kind) {
            case SIGMOID, TANH, SOFTMAX_ROWS, SOFTMAX_COLUMNS -> 1;
            case RELU, NEG -> a;
            case EXP -> Math.exp(a);
            case LOG_SIGMOID -> a + Math.log(2);
            case SCALE -> Math.abs(factor) * a;
            case ADD, SUB -> a + b;
            case MUL, MEAN_TIMES -> a * b;
            case MATMUL -> shape.cols() * a;
            case ADD_ROW_SUMS -> a + shape.cols() * b;
            case ADD_COLUMN_SUMS -> a + shape.rows() * b;
        };
    }

    private static int[] consumersOf(int k, List<Step> steps) {
        int[] consumers = new int[k + steps.size()];
        for (Step step : steps) {
            consumers[step.left()]++;
            if (step.right() >= 0) {
                consumers[step.right()]++;
            }
        }
        return consumers;
    }

    /**
     * The tensors to check the program's gradient at: the inputs, then the mixing matrix.
     *
     * @return {@code x0 .. xk}.
     */
    public Tensor[] checkInputs() {
        List<Tensor> all = new ArrayList<>(inputs);
        all.add(mixer);
        return all.toArray(new Tensor[0]);
    }

    /**
     * Records the program: {@code nodes} are {@code x0 .. x(k-1)} and the mixing matrix.
     *
     * @param graph the graph to record in.
     * @param nodes one node per tensor of {@link #checkInputs()}.
     * @return the loss, {@code 1x1}.
     */
    @Override
    public Node build(Graph graph, Node... nodes) {
        List<Node> values = new ArrayList<>(List.of(nodes).subList(0, inputs.size()));
        Node w = nodes[inputs.size()];
        for (Step step : steps) {
            Node a = values.get(step.left());
            Node b = step.right() < 0 ? null : values.get(step.right());
            values.add(switch (step.kind()) {
                case SIGMOID -> a.sigmoid();
                case TANH -> a.tanh();
                case RELU -> a.relu();
                case EXP -> a.exp();
                case LOG_SIGMOID -> a.sigmoid().log();
                case NEG -> a.neg();
                case SCALE -> a.scale(step.factor());
                case SOFTMAX_ROWS -> a.softmax(Axis.EACH_ROW);
                case SOFTMAX_COLUMNS -> a.softmax(Axis.EACH_COLUMN);
                case ADD -> a.add(b);
                case SUB -> a.sub(b);
                case MUL -> a.mul(b);
                case MATMUL -> a.matmul(w);
                case ADD_ROW_SUMS -> a.add(b.sum(Axis.EACH_ROW));
                case ADD_COLUMN_SUMS -> b.sum(Axis.EACH_COLUMN).add(a);
                case MEAN_TIMES -> b.mean().mul(a);
            });
        }
        Node loss = null;
        for (Readout readout : readouts) {
            Node term = values.get(readout.value()).mul(graph.constant(readout.weights())).sum();
            loss = loss == null ? term : loss.add(term);
        }
        return loss;
    }

    /**
     * How many edges leave each value: its uses as a step argument ({@code a * a} counts
     * twice) plus one if the loss reads it out.
     *
     * @return one count per value, inputs first.
     */
    public int[] fanOut() {
        int[] fanOut = consumersOf(inputs.size(), steps);
        for (Readout readout : readouts) {
            fanOut[readout.value()]++;
        }
        return fanOut;
    }

    /**
     * Each value's depth: 0 for inputs, else one more than its deepest argument.
     *
     * @return one depth per value, inputs first.
     */
    public int[] depth() {
        int k = inputs.size();
        int[] depth = new int[k + steps.size()];
        for (int s = 0; s < steps.size(); s++) {
            Step step = steps.get(s);
            depth[k + s] = 1 + Math.max(depth[step.left()], step.right() < 0 ? 0 : depth[step.right()]);
        }
        return depth;
    }

    /**
     * The program, one line per value, e.g.
     * <pre>
     * DAG of 2x2 values, 2 inputs, 3 steps:
     *   x0 = 2x2 [[1, -0.5], [0, 2]]
     *   x1 = 2x2 [[0.25, 1], [-1, 3]]
     *   x2 = 2x2 [[0.5, 0], [0, 0.5]]   (mixing matrix W)
     *   v3 = tanh(x0)
     *   v4 = v3 * x1
     *   v5 = v4 W
     *   loss = sum(v5 * R5) + sum(v3 * R3)
     *   R5 = ...
     * </pre>
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("DAG of ").append(shape).append(" values, ").append(inputs.size())
                .append(inputs.size() == 1 ? " input, " : " inputs, ").append(steps.size())
                .append(steps.size() == 1 ? " step:" : " steps:").append('\n');
        for (int i = 0; i < inputs.size(); i++) {
            sb.append("  x").append(i).append(" = ").append(inputs.get(i)).append('\n');
        }
        sb.append("  x").append(inputs.size()).append(" = ").append(mixer).append("   (mixing matrix W)\n");
        for (int s = 0; s < steps.size(); s++) {
            Step step = steps.get(s);
            String a = valueName(step.left());
            String b = step.right() < 0 ? "" : valueName(step.right());
            sb.append("  ").append(valueName(inputs.size() + s)).append(" = ").append(switch (step.kind()) {
                case SIGMOID -> "sigmoid(" + a + ")";
                case TANH -> "tanh(" + a + ")";
                case RELU -> "relu(" + a + ")";
                case EXP -> "exp(" + a + ")";
                case LOG_SIGMOID -> "log(sigmoid(" + a + "))";
                case NEG -> "-" + a;
                case SCALE -> Tensor.format(step.factor()) + " " + a;
                case SOFTMAX_ROWS -> "softmax_rows(" + a + ")";
                case SOFTMAX_COLUMNS -> "softmax_columns(" + a + ")";
                case ADD -> a + " + " + b;
                case SUB -> a + " - " + b;
                case MUL -> a + " * " + b;
                case MATMUL -> a + " W";
                case ADD_ROW_SUMS -> a + " + rowsums(" + b + ")";
                case ADD_COLUMN_SUMS -> "colsums(" + b + ") + " + a;
                case MEAN_TIMES -> "mean(" + b + ") * " + a;
            }).append('\n');
        }
        sb.append("  loss =");
        for (int r = 0; r < readouts.size(); r++) {
            int v = readouts.get(r).value();
            sb.append(r == 0 ? " " : " + ").append("sum(").append(valueName(v)).append(" * R").append(v).append(')');
        }
        sb.append('\n');
        for (Readout readout : readouts) {
            sb.append("  R").append(readout.value()).append(" = ").append(readout.weights()).append('\n');
        }
        return sb.toString();
    }

    private String valueName(int value) {
        return (value < inputs.size() ? "x" : "v") + value;
    }
}
