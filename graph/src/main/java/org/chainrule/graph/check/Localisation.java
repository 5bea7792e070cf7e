package org.chainrule.graph.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.chainrule.core.Broadcast;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Node;
import org.chainrule.graph.Operation;
import org.chainrule.graph.Replay;
import org.ejml.data.DMatrixRMaj;

/**
 * Where a failing gradient check's bug is: the answer to "which operation is wrong?".
 *
 * <p>The function is recorded once at the point checked and backward runs from its output
 * (seeded with random weights {@code u} for an output larger than {@code 1x1}). Then two
 * searches, each from the output towards the inputs (reverse topological order):
 * <ol>
 *   <li><b>Each operation on its own.</b> For every operation node that lies between an
 *       input and the output, its VJP with random readout weights {@code R} is compared with the
 *       central differences of {@code sum(op(X) * R)}, its own forward rule at the input values
 *       it was recorded with, for every element of every input that needs a gradient. The first
 *       operation that fails is {@linkplain #faultyOperation() the faulty one}; the check
 *       failing only at elements that lie within {@code h} of a kink the operation declares
 *       ({@link Operation#distanceToKink}) does not count, and such operations are listed as
 *       {@linkplain #excusedAtKinks() excused}.</li>
 *   <li><b>The combined gradient.</b> When every operation passes on its own, the fault lies
 *       in how the contributions are combined: the sum over a node's consumers, or the
 *       un-broadcasting of a broadcast input. For each node, {@code <dL/dnode, v>} from
 *       backward is compared with {@code (L(node + h v) - L(node - h v)) / 2h} for a random
 *       {@code v}, re-evaluating only the nodes downstream ({@link Replay}); a node whose one-sided
 *       differences disagree (the step crossed a kink) is passed over. The first node
 *       that disagrees is {@linkplain #combinedMismatch() named}, with its consumers and what
 *       went wrong when it can tell (an un-broadcast input).</li>
 * </ol>
 * Every random choice comes from the check's seed. The operations are the graph's own
 * (built-in, {@code nn} or a user's), called through the {@link Operation} contract.
 */
public final class Localisation {
    /** What the searches found. */
    public enum Verdict {
        /** An operation's own VJP is wrong: {@link #faultyOperation()}. */
        OPERATION,
        /** Every operation passes on its own, but the combined gradient is wrong at {@link #combinedMismatch()}'s node. */
        COMBINATION,
        /** Neither search found a fault (the check failed at a kink of the whole function, for instance). */
        NOT_FOUND
    }

    private final Verdict verdict;
    private final OperationFault fault;
    private final String mismatchNode;
    private final DirectionCheck mismatch;
    private final String diagnosis;
    private final List<String> chain;
    private final List<String> excusedAtKinks;
    private final int operationsChecked;
    /** Why the search could not run to the end, or null. */
    private final String interrupted;
    /** Whether this is the search of a second-order check (graph rules, not VJPs). */
    private final boolean secondOrder;

    private Localisation(Verdict verdict, OperationFault fault, String mismatchNode, DirectionCheck mismatch,
                         String diagnosis, List<String> chain, List<String> excusedAtKinks, int operationsChecked,
                         String interrupted) {
        this(verdict, fault, mismatchNode, mismatch, diagnosis, chain, excusedAtKinks, operationsChecked, interrupted,
                false);
    }

    private Localisation(Verdict verdict, OperationFault fault, String mismatchNode, DirectionCheck mismatch,
                         String diagnosis, List<String> chain, List<String> excusedAtKinks, int operationsChecked,
                         String interrupted, boolean secondOrder) {
        this.secondOrder = secondOrder;
        this.verdict = verdict;
        this.fault = fault;
        this.mismatchNode = mismatchNode;
        this.mismatch = mismatch;
        this.diagnosis = diagnosis;
        this.chain = List.copyOf(chain);
        this.excusedAtKinks = List.copyOf(excusedAtKinks);
        this.operationsChecked = operationsChecked;
        this.interrupted = interrupted;
    }

    /**
     * Searches a function's graph for the fault (see the class description).
     *
     * @param function the function that failed its check.
     * @param x the point it was checked at.
     * @param settings the check's step, tolerances and seed.
     * @return what the searches found.
     */
    static Localisation of(GraphFunction function, List<Tensor> x, GradientCheck settings) {
        Recording recording = Recording.of(function, x);
        Node output = recording.output;
        Random random = new Random(settings.seed());
        Tensor u = output.shape().isScalar() ? null
                : Tensor.uniform(output.shape().rows(), output.shape().cols(), -1, 1, random);
        if (!output.requiresGradient()) {
            return new Localisation(Verdict.NOT_FOUND, null, null, null, null, List.of(), List.of(), 0, null);
        }
        if (u == null) {
            recording.graph.backward(output);
        } else {
            recording.graph.backward(output, u);
        }
        Paths paths = new Paths(recording.graph.nodes(), output);
        List<String> excused = new ArrayList<>();
        int checked = 0;
        for (int id = output.id(); id >= 0; id--) {
            Node node = paths.node(id);
            if (!paths.feedsOutput(id) || node.operation() == null || !node.requiresGradient()) {
                continue;
            }
            checked++;
            LocalCheck local = LocalCheck.of(node, settings, random);
            if (local.fault != null) {
                return new Localisation(Verdict.OPERATION, local.fault, null, null, null, paths.chain(node), excused,
                        checked, null);
            }
            if (local.failedAtKinks) {
                excused.add(node.label());
            }
        }
        Replay replay = Replay.of(output);
        double centre = project(u, replay);
        for (int id = output.id() - 1; id >= 0; id--) {
            Node node = paths.node(id);
            if (!paths.feedsOutput(id) || !node.requiresGradient()) {
                continue;
            }
            Tensor v = Tensor.normal(node.shape().rows(), node.shape().cols(), 1.0, random);
            double analytic = dot(node.gradient().matrixView(), v.matrixView());
            replay.shiftAlongInPlace(List.of(node), -settings.step(), List.of(v));
            double minus = project(u, replay);
            replay.shiftAlongInPlace(List.of(node), settings.step(), List.of(v));
            double plus = project(u, replay);
            replay.restoreInPlace();
            FiniteDifference d = FiniteDifference.of(analytic, minus, centre, plus, settings);
            if (!d.passed() && !d.kink) {   // a step across a kink of L says nothing about the combination
                DirectionCheck mismatch = DirectionCheck.of(List.of(v), u == null ? Tensor.scalar(1) : u, d);
                return new Localisation(Verdict.COMBINATION, null, describe(node) + " (" + node.shape() + ")", mismatch,
                        diagnose(node, paths), paths.chain(node), excused, checked, null);
            }
        }
        return new Localisation(Verdict.NOT_FOUND, null, null, null, null, List.of(), excused, checked, null);
    }

    /**
     * Searches a function's graph for the operation whose graph rule is wrong, after a failed
     * second-order check: from the output down, each operation with a graph rule is
     * second-order-checked on its own ({@code sum(op(X) * R)} for random readout weights
     * {@code R}, at the input values it was recorded with), and the first that fails is the
     * fault. The whole function's graph cannot say it by itself: a rule that reads a value as a
     * constant leaves a graph that is consistent with itself, only not with the function.
     *
     * @param function the function whose second-order check failed.
     * @param x the point it was checked at.
     * @param settings the check's step, tolerances and seed.
     * @return what the search found.
     */
    static Localisation ofSecondOrder(GraphFunction function, List<Tensor> x, GradientCheck settings) {
        Recording recording = Recording.of(function, x);
        Node output = recording.output;
        List<Node> nodes = recording.graph.nodes();
        Random random = new Random(settings.seed());
        int checked = 0;
        for (int id = output.id(); id >= 0; id--) {
            Node node = nodes.get(id);
            Operation op = node.operation();
            if (op == null || !node.requiresGradient() || !op.hasVjpGraph()) {
                continue;
            }
            checked++;
            List<Node> args = node.inputs();
            Tensor[] values = new Tensor[args.size()];
            List<Shape> shapes = new ArrayList<>(values.length);
            for (int k = 0; k < values.length; k++) {
                values[k] = args.get(k).value();
                shapes.add(args.get(k).shape());
            }
            Tensor readout = Tensor.uniform(node.shape().rows(), node.shape().cols(), -1, 1, random);
            GraphFunction alone = (g, in) -> {
                Node[] a = new Node[in.length];
                for (int k = 0; k < in.length; k++) {
                    a[k] = args.get(k).requiresGradient() ? in[k] : g.constant(values[k]);
                }
                return g.apply(op, a).mul(g.constant(readout)).sum();
            };
            GradientCheckResult local = settings.checkSecondOrderWithoutSearch(alone, values);
            if (!local.passed()) {
                InputCheck bad = local.inputChecks().stream().filter(c -> !c.passed() && c.input() < values.length)
                        .findFirst().orElse(local.inputChecks().stream().filter(c -> !c.passed()).findFirst()
                                .orElse(null));
                if (bad == null) {
                    continue;
                }
                int input = Math.min(bad.input(), values.length - 1);
                OperationFault fault = new OperationFault(describe(node), op.name() + ", its graph rule (the second"
                        + " derivative)", input, shapes, node.shape(), bad.worst(), bad.failures().size(),
                        bad.analytic().size());
                return new Localisation(Verdict.OPERATION, fault, null, null, null, List.of(), List.of(), checked,
                        null, true);
            }
        }
        return new Localisation(Verdict.NOT_FOUND, null, null, null, null, List.of(), List.of(), checked, null, true);
    }

    /**
     * {@link #of}, reporting an exception thrown during the search (an operation whose rules
     * throw on the copies it is given, for example) instead of letting it hide the check's verdict.
     */
    static Localisation searching(GraphFunction function, List<Tensor> x, GradientCheck settings) {
        try {
            return of(function, x, settings);
        } catch (RuntimeException e) {
            return new Localisation(Verdict.NOT_FOUND, null, null, null, null, List.of(), List.of(), 0, e.toString());
        }
    }

    /** A node's label, and for a node a graph rule recorded, which forward node's rule it was. */
    private static String describe(Node node) {
        Node rule = node.recordedByRuleOf();
        return rule == null ? node.label() : node.label() + ", recorded by the graph rule of " + rule.label();
    }

    /** {@code u . output}, or the output itself when it is {@code 1x1}. */
    private static double project(Tensor u, Replay replay) {
        if (u == null) {
            return replay.outputElement(0);
        }
        double sum = 0;
        for (int r = 0; r < u.size(); r++) {
            sum += u.getFlat(r) * replay.outputElement(r);
        }
        return sum;
    }

    private static double dot(DMatrixRMaj a, DMatrixRMaj b) {
        double sum = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            sum += a.data[i] * b.data[i];
        }
        return sum;
    }

    /**
     * Where a node's combined gradient can go wrong when every operation is right on its own:
     * un-broadcasting, or the sum over its consumers (which differs from each consumer's own
     * check when an operation keeps state between calls, such as a value cached by forward).
     */
    private static String diagnose(Node node, Paths paths) {
        List<String> consumers = new ArrayList<>();
        String broadcastBy = null;
        for (Node consumer : paths.consumers(node)) {
            consumers.add(consumer.label());
            for (int k = 0; k < consumer.inputs().size(); k++) {
                if (consumer.inputs().get(k) != node) {
                    continue;
                }
                if (consumer.operation().broadcastsInputs() && !node.shape().equals(consumer.shape())) {
                    broadcastBy = consumer.label() + " (" + node.shape() + " broadcast to " + consumer.shape() + ")";
                }
            }
        }
        return (broadcastBy != null ? "un-broadcasting its gradient from " + broadcastBy + ", or " : "")
                + "the sum over its consumers " + String.join(", ", consumers);
    }

    /**
     * What the searches found.
     *
     * @return the verdict.
     */
    public Verdict verdict() {
        return verdict;
    }

    /**
     * The faulty operation, nearest the output.
     *
     * @return the fault, or empty unless the verdict is {@link Verdict#OPERATION}.
     */
    public Optional<OperationFault> faultyOperation() {
        return Optional.ofNullable(fault);
    }

    /**
     * Where the combined gradient first disagrees, when every operation passes on its own:
     * {@code <dL/dnode, v>} against its central difference, the direction {@code v} shaped like
     * the node (and {@code u} the output's random weights).
     *
     * @return the mismatch, or empty unless the verdict is {@link Verdict#COMBINATION}.
     */
    public Optional<DirectionCheck> combinedMismatch() {
        return Optional.ofNullable(mismatch);
    }

    /**
     * The node blamed: the faulty operation's, or the one where the combined gradient first
     * disagrees.
     *
     * @return its label (e.g. {@code #7 tanh} or {@code 'h1'}), or empty if none was found.
     */
    public Optional<String> node() {
        return Optional.ofNullable(fault != null ? fault.node() : mismatchNode);
    }

    /**
     * The path from the blamed node to the output, each node by its label, the blamed node
     * first and the output last (a shortest one when there are several).
     *
     * @return an unmodifiable list, empty if no node was blamed.
     */
    public List<String> chain() {
        return chain;
    }

    /**
     * Operations that failed on their own only at elements within {@code h} of a kink they
     * declare, and so were not blamed.
     *
     * @return their labels, nearest the output first.
     */
    public List<String> excusedAtKinks() {
        return excusedAtKinks;
    }

    /**
     * How many operations were checked on their own before the search stopped.
     *
     * @return the count.
     */
    public int operationsChecked() {
        return operationsChecked;
    }

    /**
     * A readable account, a few lines: the faulty operation (or the node where the combined
     * gradient goes wrong) and the chain from it to the output.
     *
     * @return the report.
     */
    public String report() {
        StringBuilder sb = new StringBuilder();
        switch (verdict) {
            case OPERATION -> sb.append("faulty operation: ").append(fault).append('\n')
                    .append(secondOrder ? "  (its graph rule, differentiated, against finite differences of its own"
                            + " first derivative at its recorded inputs; every operation nearer the output passed)\n"
                            : "  (its own VJP against finite differences of its own forward rule at its recorded inputs;"
                            + " every operation nearer the output passed)\n");
            case COMBINATION -> sb.append("faulty operation: none; every operation passes on its own (")
                    .append(operationsChecked).append(" checked), so the fault is in how gradients are combined:\n")
                    .append("  the combined gradient first disagrees at node ").append(mismatchNode).append(", ")
                    .append(mismatch.toString().replace("along v: ", "along a random v: "))
                    .append("\n  suspect: ").append(diagnosis).append('\n');
            default -> {
                if (interrupted != null) {
                    sb.append("faulty operation: unknown; the search stopped at ").append(interrupted).append('\n');
                } else if (secondOrder) {
                    sb.append("faulty operation: none found; every operation's graph rule passes the second-order"
                            + " check on its own (").append(operationsChecked).append(" checked) at its recorded"
                            + " inputs, so the failure is the whole function's (a kink it crosses, or error within a"
                            + " few tolerances of values this small)\n");
                } else {
                    sb.append("faulty operation: none found; every operation passes on its own (")
                            .append(operationsChecked).append(" checked) and the combined gradient agrees at every"
                                    + " node along random directions, so the failure is the whole function's (a kink"
                                    + " it crosses, or error within a few tolerances)\n");
                }
            }
        }
        if (!chain.isEmpty()) {
            sb.append("  chain to the output: ").append(String.join(" -> ", chain)).append('\n');
        }
        if (!excusedAtKinks.isEmpty()) {
            sb.append("  not blamed, failing only at a declared kink: ").append(String.join(", ", excusedAtKinks))
                    .append('\n');
        }
        return sb.toString();
    }

    /** The same as {@link #report()}. */
    @Override
    public String toString() {
        return report();
    }

    /** Equal when the reports are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Localisation l && l.report().equals(report());
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(report());
    }

    /** Which nodes feed the output, each one's consumers, and shortest paths to the output. */
    private static final class Paths {
        private final List<Node> nodes;
        private final boolean[] feeds;
        private final int[] distance;
        private final List<List<Node>> consumers;

        Paths(List<Node> nodes, Node output) {
            this.nodes = nodes;
            int n = output.id() + 1;
            feeds = new boolean[n];
            distance = new int[n];
            consumers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                consumers.add(new ArrayList<>(2));
                distance[i] = Integer.MAX_VALUE;
            }
            feeds[output.id()] = true;
            distance[output.id()] = 0;
            for (int i = output.id(); i >= 0; i--) {
                if (!feeds[i]) {
                    continue;
                }
                for (Node input : nodes.get(i).inputs()) {
                    feeds[input.id()] = true;
                    distance[input.id()] = Math.min(distance[input.id()], distance[i] + 1);
                    if (!consumers.get(input.id()).contains(nodes.get(i))) {
                        consumers.get(input.id()).add(nodes.get(i));
                    }
                }
            }
        }

        Node node(int id) {
            return nodes.get(id);
        }

        boolean feedsOutput(int id) {
            return feeds[id];
        }

        List<Node> consumers(Node node) {
            return consumers.get(node.id());
        }

        List<String> chain(Node from) {
            List<String> labels = new ArrayList<>();
            Node at = from;
            labels.add(at.label());
            while (distance[at.id()] > 0) {
                Node next = null;
                for (Node consumer : consumers.get(at.id())) {
                    if (distance[consumer.id()] == distance[at.id()] - 1 && (next == null || consumer.id() < next.id())) {
                        next = consumer;
                    }
                }
                at = next;
                labels.add(at.label());
            }
            return labels;
        }
    }

    /** One operation checked on its own at its recorded inputs (see the class description). */
    private static final class LocalCheck {
        OperationFault fault;
        boolean failedAtKinks;

        static LocalCheck of(Node node, GradientCheck settings, Random random) {
            Operation op = node.operation();
            List<Node> args = node.inputs();
            DMatrixRMaj[] x = new DMatrixRMaj[args.size()];
            List<Shape> shapes = new ArrayList<>(x.length);
            for (int k = 0; k < x.length; k++) {
                x[k] = args.get(k).value().toMatrix();
                shapes.add(args.get(k).shape());
            }
            Shape shape = node.shape();
            DMatrixRMaj y = new DMatrixRMaj(shape.rows(), shape.cols());
            op.forward(x, y);
            DMatrixRMaj readout = Tensor.uniform(shape.rows(), shape.cols(), -1, 1, random).toMatrix();
            double centre = dot(y, readout);
            DMatrixRMaj shifted = new DMatrixRMaj(shape.rows(), shape.cols());
            LocalCheck result = new LocalCheck();
            for (int k = 0; k < x.length; k++) {
                if (!args.get(k).requiresGradient()) {
                    continue;
                }
                double[] vjp = vjp(op, k, x, y, readout).data;
                double[] xk = x[k].data;
                int cols = x[k].numCols;
                ElementCheck worst = null;
                int failures = 0;
                for (int e = 0; e < x[k].getNumElements(); e++) {
                    double recorded = xk[e];
                    xk[e] = recorded + settings.step();
                    op.forward(x, shifted);
                    double plus = dot(shifted, readout);
                    xk[e] = recorded - settings.step();
                    op.forward(x, shifted);
                    double minus = dot(shifted, readout);
                    xk[e] = recorded;
                    FiniteDifference d = FiniteDifference.of(vjp[e], minus, centre, plus, settings);
                    if (d.passed()) {
                        continue;
                    }
                    if (op.distanceToKink(k, x, e) <= settings.step()) {
                        result.failedAtKinks = true;
                        continue;
                    }
                    failures++;
                    ElementCheck element = ElementCheck.of(k, e / cols, e % cols, -1, -1, d);
                    if (worst == null || !(element.toleranceRatio() <= worst.toleranceRatio())) {
                        worst = element;
                    }
                }
                if (worst != null) {
                    result.fault = new OperationFault(describe(node), op.name(), k, shapes, shape, worst, failures,
                            x[k].getNumElements());
                    return result;
                }
            }
            return result;
        }

        /**
         * The operation's VJP for input {@code k}, written into a buffer of NaN (so that an element
         * it leaves unwritten, or reads, fails the check) and un-broadcast to the input's shape as
         * the engine would.
         */
        private static DMatrixRMaj vjp(Operation op, int k, DMatrixRMaj[] x, DMatrixRMaj y, DMatrixRMaj g) {
            boolean broadcast = op.broadcastsInputs() && (x[k].numRows != y.numRows || x[k].numCols != y.numCols);
            DMatrixRMaj out = broadcast ? new DMatrixRMaj(y.numRows, y.numCols) : new DMatrixRMaj(x[k].numRows, x[k].numCols);
            Arrays.fill(out.data, Double.NaN);
            op.vjp(k, x, y, g, out);
            return broadcast ? Broadcast.reduceTo(out, Broadcast.shapeOf(x[k]), null) : out;
        }
    }
}
