package org.chainrule.graph.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Tensor;
import org.chainrule.graph.BackwardListener;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * A backward pass written down step by step: for every node {@code h} on the path to the
 * output, in the order the engine visits them (reverse topological order), its value, the
 * contribution {@code dh'/dh · Delta(h')} arriving along each edge from a consumer
 * {@code h'}, their sum
 *
 * <pre>Delta(h) = dL/dh = sum over consumers h' of dh'/dh · Delta(h')</pre>
 *
 * <p>and the local derivatives {@code h} then applies to its own inputs. Recording runs a
 * real {@link org.chainrule.graph.Graph#backward(Node, Tensor, BackwardListener)}, so the
 * numbers are the engine's own, and it has the same effect: parameter gradients accumulate.
 *
 * <p>A trace keeps at most {@code maxSteps} steps (the ones nearest the output); the rest
 * of a big graph's pass is counted, not stored, so tracing a million-node graph is safe.
 * A trace is immutable once recorded.
 */
public final class BackwardTrace {
    /** How many steps a trace keeps unless told otherwise. */
    public static final int DEFAULT_MAX_STEPS = 200;

    private final Node output;
    private final Tensor seed;
    private final List<Step> steps;
    private final int totalSteps;
    private final long totalEdges;

    /**
     * One contribution along one edge: the consumer {@code h'} hands {@code dh'/dh · Delta(h')}
     * to its argument number {@code input}.
     *
     * @param consumer the node {@code h'} applying its local derivative.
     * @param input which of the consumer's arguments receives the contribution.
     * @param amount the contribution, shaped like the receiving node.
     */
    public record Contribution(Node consumer, int input, Tensor amount) {
        /**
         * The local derivative's formula, as the consumer's operation states it.
         *
         * @return e.g. {@code "h1 (1 - h1)"}, or the empty string if the operation gives none.
         */
        public String formula() {
            return Notation.formula(consumer, input);
        }
    }

    /**
     * One node's step of the backward pass.
     *
     * @param node the node {@code h}.
     * @param value its value, as recorded.
     * @param contributions what arrived from each consumer edge, in the order the engine
     *     handed them over; empty for the output.
     * @param delta {@code Delta(h)}: the seed for the output, else the sum of the contributions.
     */
    public record Step(Node node, Tensor value, List<Contribution> contributions, Tensor delta) {
        /**
         * Checks and freezes the contributions.
         *
         * @throws org.chainrule.core.ChainruleException if a component is null.
         */
        public Step {
            ChainruleException.requireNonNull(node, "BackwardTrace: node");
            ChainruleException.requireNonNull(value, "BackwardTrace: value");
            ChainruleException.requireNonNull(delta, "BackwardTrace: delta");
            contributions = List.copyOf(contributions);
        }

        /**
         * Whether this is the output, whose {@code Delta} is the seed rather than a sum.
         *
         * @return true for the first step.
         */
        public boolean isSeed() {
            return contributions.isEmpty();
        }

        /**
         * The local derivatives this node applies to the inputs that receive a gradient,
         * e.g. {@code dh1/da1 = h1 (1 - h1)}; empty for a leaf.
         *
         * @return one entry per such input, in argument order.
         */
        public List<String> localDerivatives() {
            List<String> out = new ArrayList<>();
            if (node.operation() == null) {
                return out;
            }
            List<Node> inputs = node.inputs();
            for (int k = 0; k < inputs.size(); k++) {
                Node input = inputs.get(k);
                if (input.requiresGradient()) {
                    String formula = Notation.formula(node, k);
                    out.add(Notation.derivative(node, input) + " = " + (formula.isEmpty() ? "(not stated)" : formula)
                            + (usesTwice(node, input) ? " (argument " + k + ")" : ""));
                }
            }
            return out;
        }
    }

    private BackwardTrace(Node output, Tensor seed, List<Step> steps, int totalSteps, long totalEdges) {
        this.output = output;
        this.seed = seed;
        this.steps = Collections.unmodifiableList(steps);
        this.totalSteps = totalSteps;
        this.totalEdges = totalEdges;
    }

    /**
     * Runs {@code loss.graph().backward(loss)} and records it, keeping up to
     * {@link #DEFAULT_MAX_STEPS} steps.
     *
     * @param loss a {@code 1x1} node that depends on a parameter.
     * @return the trace.
     * @throws org.chainrule.core.ShapeMismatchException if {@code loss} is not {@code 1x1}.
     */
    public static BackwardTrace record(Node loss) {
        ChainruleException.requireNonNull(loss, "BackwardTrace: loss");
        Recorder recorder = new Recorder(DEFAULT_MAX_STEPS, Tensor.scalar(1.0));
        loss.graph().backward(loss, recorder);
        return recorder.finish(loss);
    }

    /**
     * Runs {@code output.graph().backward(output, seed)} and records it.
     *
     * @param output a node that depends on a parameter.
     * @param seed {@code Delta(output)}, shaped like the output.
     * @param maxSteps how many steps to keep, at least 1; later steps are only counted.
     * @return the trace.
     * @throws org.chainrule.core.ShapeMismatchException if the seed's shape is not the output's.
     */
    public static BackwardTrace record(Node output, Tensor seed, int maxSteps) {
        ChainruleException.requireNonNull(output, "BackwardTrace: output");
        ChainruleException.requireNonNull(seed, "BackwardTrace: seed");
        if (maxSteps < 1) {
            throw new ChainruleException("BackwardTrace.record: maxSteps must be at least 1, got " + maxSteps);
        }
        Recorder recorder = new Recorder(maxSteps, seed);
        output.graph().backward(output, seed, recorder);
        return recorder.finish(output);
    }

    /** Collects steps from the engine; copies every contribution it keeps (the engine reuses buffers). */
    private static final class Recorder implements BackwardListener {
        private final int maxSteps;
        private final Tensor seed;
        private final List<Step> steps = new ArrayList<>();
        private final Map<Node, List<Contribution>> pending = new IdentityHashMap<>();
        private int reached;
        private long edges;

        Recorder(int maxSteps, Tensor seed) {
            this.maxSteps = maxSteps;
            this.seed = seed;
        }

        @Override
        public void reached(Node node) {
            reached++;
            List<Contribution> arrived = pending.remove(node);
            if (steps.size() >= maxSteps) {
                return;
            }
            if (arrived == null) {
                steps.add(new Step(node, node.value(), List.of(), seed));
                return;
            }
            DMatrixRMaj sum = arrived.get(0).amount().toMatrix();
            for (int i = 1; i < arrived.size(); i++) {
                Elementwise.addInPlace(sum, arrived.get(i).amount().matrixView());
            }
            steps.add(new Step(node, node.value(), arrived, Tensor.adopt(sum)));
        }

        @Override
        public void contributed(Node consumer, int input, DMatrixRMaj contribution) {
            edges++;
            if (steps.size() < maxSteps) {
                pending.computeIfAbsent(consumer.inputs().get(input), n -> new ArrayList<>(2))
                        .add(new Contribution(consumer, input, Tensor.copyOf(contribution)));
            }
        }

        BackwardTrace finish(Node output) {
            return new BackwardTrace(output, seed, steps, reached, edges);
        }
    }

    /**
     * The node the pass started from.
     *
     * @return the output.
     */
    public Node output() {
        return output;
    }

    /**
     * {@code Delta(output)}, the gradient the pass started with.
     *
     * @return the seed.
     */
    public Tensor seed() {
        return seed;
    }

    /**
     * The recorded steps, output first, in the engine's (reverse topological) order.
     *
     * @return an unmodifiable list of at most {@code maxSteps} steps.
     */
    public List<Step> steps() {
        return steps;
    }

    /**
     * How many nodes the pass visited, recorded or not.
     *
     * @return the number of nodes on the path to the output.
     */
    public int totalSteps() {
        return totalSteps;
    }

    /**
     * How many edges the pass handled: one vector-Jacobian product each.
     *
     * @return the number of contributions handed over.
     */
    public long totalEdges() {
        return totalEdges;
    }

    /**
     * How many visited nodes the trace left out because of its step limit.
     *
     * @return {@code totalSteps() - steps().size()}.
     */
    public int omittedSteps() {
        return totalSteps - steps.size();
    }

    /**
     * The trace as plain text or Markdown.
     *
     * @param format the format.
     * @return the rendering, ending with a newline.
     */
    public String render(Format format) {
        return format == Format.MARKDOWN ? markdown() : text();
    }

    /** The trace as plain text. */
    @Override
    public String toString() {
        return text();
    }

    private String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("Backward pass from ").append(Notation.symbol(output)).append(", seed ")
                .append(Notation.delta(output)).append(" = ").append(Notation.tensor(seed)).append('\n');
        sb.append("Each node h, from the output back: Delta(h) = sum over consumers h' of dh'/dh * Delta(h')\n");
        for (Step step : steps) {
            Node node = step.node();
            sb.append('\n').append(Notation.header(node)).append('\n');
            sb.append(Notation.block("  value     ", step.value(), "", 4)).append('\n');
            for (Contribution c : step.contributions()) {
                sb.append(Notation.block("  + " + edgeTerm(c, node) + " = ", c.amount(),
                        "   [" + Notation.derivative(c.consumer(), node) + " = " + formulaOrDash(c) + "]", 4))
                        .append('\n');
            }
            String sum = step.isSeed() ? "   (seed)" : step.contributions().size() > 1
                    ? "   (sum of " + step.contributions().size() + " contributions)" : "";
            sb.append(Notation.block("  = " + Notation.delta(node) + " = ", step.delta(), sum, 4)).append('\n');
            List<String> applies = step.localDerivatives();
            for (int i = 0; i < applies.size(); i++) {
                sb.append(i == 0 ? "  applies   " : "            ").append(applies.get(i)).append('\n');
            }
            if (applies.isEmpty() && node.parameter() != null) {
                sb.append("  leaf      added to parameter ").append(node.parameter().name()).append("'s gradient\n");
            }
        }
        sb.append('\n').append(Blackboard.wrapIndented(summary(), 0)).append('\n');
        return sb.toString();
    }

    private String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("Backward pass from ").append(Notation.code(Notation.symbol(output))).append(", seed ")
                .append(Notation.code(Notation.delta(output) + " = " + Notation.tensor(seed)))
                .append(". One row per node h, from the output back: ")
                .append(Notation.code("Delta(h) = sum over consumers h' of dh'/dh * Delta(h')")).append(".\n\n");
        sb.append("| node h | value | contributions dh'/dh * Delta(h') | Delta(h) | local derivatives h applies |\n");
        sb.append("|---|---|---|---|---|\n");
        for (Step step : steps) {
            Node node = step.node();
            String head = Notation.symbol(node) + (node.operation() != null ? " = " : ": ") + Notation.definition(node);
            List<String> arrived = new ArrayList<>();
            for (Contribution c : step.contributions()) {
                arrived.add(Notation.code(edgeTerm(c, node) + " = " + Notation.tensor(c.amount()))
                        + " (" + Notation.code(formulaOrDash(c)) + ")");
            }
            List<String> applies = new ArrayList<>();
            for (String a : step.localDerivatives()) {
                applies.add(Notation.code(a));
            }
            if (applies.isEmpty() && node.parameter() != null) {
                applies.add("added to parameter " + Notation.code(node.parameter().name()) + "'s gradient");
            }
            sb.append("| ").append(Notation.cell(Notation.code(head) + " " + node.shape()))
                    .append(" | ").append(Notation.cell(Notation.code(Notation.tensor(step.value()))))
                    .append(" | ").append(Notation.cell(step.isSeed() ? "seed" : String.join("<br>", arrived)))
                    .append(" | ").append(Notation.cell(Notation.code(Notation.tensor(step.delta()))))
                    .append(" | ").append(Notation.cell(String.join("<br>", applies))).append(" |\n");
        }
        sb.append('\n').append(summary()).append('\n');
        return sb.toString();
    }

    private String summary() {
        String visited = Blackboard.count(totalSteps, "node") + " and " + Blackboard.count(totalEdges, "edge")
                + ": one vector-Jacobian product per edge, each node visited once.";
        if (omittedSteps() == 0) {
            return visited;
        }
        return "The pass visited " + visited + " The last " + Blackboard.count(omittedSteps(), "node")
                + (omittedSteps() == 1 ? " is" : " are") + " not shown (this trace keeps "
                + Blackboard.count(steps.size(), "step") + ").";
    }

    /** {@code dh'/dh * Delta(h')}, naming the argument when the consumer uses h twice. */
    private static String edgeTerm(Contribution c, Node node) {
        String term = Notation.derivative(c.consumer(), node) + " * " + Notation.delta(c.consumer());
        return usesTwice(c.consumer(), node) ? term + " (argument " + c.input() + ")" : term;
    }

    private static String formulaOrDash(Contribution c) {
        String f = c.formula();
        return f.isEmpty() ? "-" : f;
    }

    private static boolean usesTwice(Node consumer, Node input) {
        int uses = 0;
        for (Node n : consumer.inputs()) {
            if (n == input) {
                uses++;
            }
        }
        return uses > 1;
    }
}
