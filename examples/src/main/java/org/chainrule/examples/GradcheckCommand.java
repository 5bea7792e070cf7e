package org.chainrule.examples;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.check.Draw;
import org.chainrule.graph.check.ElementCheck;
import org.chainrule.graph.check.GradientCheck;
import org.chainrule.graph.check.GradientCheckResult;
import org.chainrule.graph.check.InputCheck;
import org.chainrule.graph.check.OperationCase;
import org.chainrule.graph.check.OperationExample;
import org.chainrule.graph.check.GraphOperations;
import org.chainrule.nn.ops.NnOperations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule gradcheck}: the framework checking itself. Every built-in operation
 * (graph's {@link GraphOperations#cases()}, then nn's {@link NnOperations#cases()}) is
 * gradient-checked with the public checker at random seeded inputs, and a table shows, per
 * operation, the element that came closest to failing over all its examples: its absolute
 * and relative error and the inputs' shapes in that example.
 * Exit status 0 when every operation passes, 1 otherwise (with the failing checks' reports).
 */
@Command(name = "gradcheck",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Gradient-check every built-in operation against central finite differences, on random inputs of"
                + " random shapes, and print a table: per operation the worst element's absolute and relative"
                + " error, and pass or FAIL.",
            "An element passes when |analytic - numeric| <= 1e-5 + 1e-3 |numeric| (PyTorch's gradcheck defaults"
                + " for doubles). Exit status 0 when every operation passes, 1 when one fails."})
public final class GradcheckCommand implements Callable<Integer> {
    /** Inputs have 1 to MAX_SIZE rows and columns. */
    static final int MAX_SIZE = 5;

    @Spec
    private CommandSpec spec;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "20",
            description = "Random examples per operation (default: ${DEFAULT-VALUE}).")
    private int examples;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of the random shapes and values (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "1",
            description = "1 checks first derivatives; 2 checks second derivatives (as PyTorch's gradgradcheck: the"
                    + " first derivative, recorded as a graph by each operation's graph rule, is itself checked)"
                    + " (default: ${DEFAULT-VALUE}).")
    private int order;

    private final List<OperationCase> catalogue;

    /** Checks the built-in operations; picocli calls this. */
    public GradcheckCommand() {
        this(Stream.concat(GraphOperations.cases().stream(), NnOperations.cases().stream()).toList());
    }

    /** Checks the given operations instead, for tests. */
    GradcheckCommand(List<OperationCase> catalogue) {
        this.catalogue = List.copyOf(catalogue);
    }

    /**
     * Checks every operation and prints the table.
     *
     * @return 0 if every operation passed, 1 otherwise.
     */
    @Override
    public Integer call() {
        if (examples < 1) {
            throw new ParameterException(spec.commandLine(), "--examples must be at least 1, got " + examples);
        }
        if (order != 1 && order != 2) {
            throw new ParameterException(spec.commandLine(), "--order must be 1 or 2, got " + order);
        }
        PrintWriter out = spec.commandLine().getOut();
        GradientCheck checker = GradientCheck.defaults();
        out.println((order == 2 ? "Second-order gradient check" : "Gradient check") + " of every built-in operation: "
                + examples + " random example"
                + (examples == 1 ? "" : "s") + " each (seed " + seed + "), inputs of 1 to " + MAX_SIZE
                + " rows and columns,");
        out.println("read out as sum(op(x) * R) through random weights R. For each operation the table shows the");
        out.println("element that came closest to failing and the input shapes of its example.");
        out.println("Checker: " + checker);
        out.println();
        int nameWidth = "operation".length();
        for (OperationCase operation : catalogue) {
            nameWidth = Math.max(nameWidth, operation.name().length());
        }
        String row = "%-" + nameWidth + "s  %-13s  %9s  %9s  %s%n";
        out.printf(Locale.ROOT, row, "operation", "worst at", "|error|", "relative", "result");
        Draw draw = Draw.from(new Random(seed), MAX_SIZE);
        List<GradientCheckResult> failures = new ArrayList<>();
        long derivatives = 0;
        int failed = 0;
        int firstOrderOnly = 0;
        for (OperationCase operation : catalogue) {
            Worst worst = null;
            GradientCheckResult firstFailure = null;
            if (order == 2 && !hasGraphRules(operation.draw(draw))) {
                firstOrderOnly++;
                out.printf(Locale.ROOT, row, operation.name(), "-", "-", "-", "first order only (no graph rule)");
                continue;
            }
            for (int i = 0; i < examples; i++) {
                OperationExample example = operation.draw(draw);
                GradientCheckResult result = order == 2 ? checker.checkSecondOrder(example, example.checkInputs())
                        : checker.check(example, example.checkInputs());
                derivatives += example.derivatives();
                ElementCheck element = worst(result);
                if (worst == null || isWorse(element, worst.element)) {
                    worst = new Worst(element, example);
                }
                if (!result.passed() && firstFailure == null) {
                    firstFailure = result;
                }
            }
            if (firstFailure != null) {
                failed++;
                failures.add(firstFailure);
            }
            out.printf(Locale.ROOT, row, operation.name(), worst.example.shapes(), error(worst, true), error(worst, false),
                    firstFailure == null ? "pass" : "FAIL");
        }
        out.println();
        if (failed == 0) {
            int checked = catalogue.size() - firstOrderOnly;
            out.printf(Locale.ROOT, order == 2 ? "All %d operations passed: %d checks, %,d first derivatives"
                    + " differentiated.%n" : "All %d operations passed: %d checks, %,d derivatives compared.%n", checked,
                    (long) checked * examples, derivatives);
            return 0;
        }
        out.printf(Locale.ROOT, "%d of %d operations FAILED. The first failing check of each:%n", failed, catalogue.size());
        for (GradientCheckResult failure : failures) {
            out.println();
            out.print(failure.report());
        }
        out.flush();
        spec.commandLine().getErr().println("chainrule gradcheck: " + failed + " of " + catalogue.size()
                + " operations failed the gradient check");
        return Main.EXIT_FAILURE;
    }

    /** Whether every operation an example records has a graph rule, so that its second derivatives can be taken. */
    private static boolean hasGraphRules(OperationExample example) {
        Graph graph = new Graph();
        Node[] x = new Node[example.inputs().size()];
        for (int k = 0; k < x.length; k++) {
            x[k] = graph.parameter("x" + k, example.inputs().get(k));
        }
        example.build(graph, x);
        return graph.nodes().stream().allMatch(n -> n.operation() == null || n.operation().hasVjpGraph());
    }

    /**
     * The element of a check that came closest to failing: the largest error as a multiple of
     * the error allowed, over every input.
     *
     * @param result an element-wise check.
     * @return the element, or null when the check compared no elements (it failed as a whole).
     */
    static ElementCheck worst(GradientCheckResult result) {
        ElementCheck worst = null;
        for (InputCheck input : result.inputChecks()) {
            if (isWorse(input.worst(), worst)) {
                worst = input.worst();
            }
        }
        return worst;
    }

    /** Whether {@code a} came closer to failing than {@code b}; a missing element is never worse. */
    private static boolean isWorse(ElementCheck a, ElementCheck b) {
        return a != null && (b == null || !(a.toleranceRatio() <= b.toleranceRatio()));
    }

    private static String error(Worst worst, boolean absolute) {
        if (worst.element == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1e", absolute ? worst.element.absoluteError() : worst.element.relativeError());
    }

    /** The worst element so far, and the example it came from. */
    private record Worst(ElementCheck element, OperationExample example) {
    }
}
