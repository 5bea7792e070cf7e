package org.chainrule.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.chainrule.core.Tensor;
import org.chainrule.examples.progress.EpochMetrics;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.chainrule.graph.check.ElementCheck;
import org.chainrule.graph.check.GradientCheck;
import org.chainrule.graph.check.GradientCheckResult;
import org.chainrule.graph.check.GraphFunction;
import org.chainrule.graph.trace.BackwardPage;
import org.chainrule.graph.trace.BackwardTrace;
import org.chainrule.graph.trace.GraphPicture;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.data.Playground;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.optim.Adam;
import org.chainrule.nn.train.EpochReport;
import org.chainrule.nn.train.Trainer;
import org.chainrule.nn.train.TrainerBuilder;
import org.chainrule.nn.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule demo}, the first thing a new user runs: a custom network with skip
 * connections ({@link ResidualNet}) is defined as a graph, gradient-checked with the public
 * checker, trained on the two-spirals set with live progress, and its accuracy, learning
 * curves and decision boundary are shown. Each step says in a few lines what happened.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Define a small network with skip connections as a graph, gradient-check it, train it on the"
                + " two-spirals set with a progress bar, report its accuracy, and write the learning curves and"
                + " the decision boundary as PNG files.",
            "Takes a few seconds."})
public final class DemoCommand implements Callable<Integer> {
    private static final String INDENT = "   ";
    private static final int POINTS = 1000;
    private static final double TRAIN_RATIO = 0.5;
    private static final int WIDTH = 16;
    private static final int BLOCKS = 2;
    private static final int CHECK_BATCH = 8;
    private static final double LEARNING_RATE = 0.01;
    /** The learning rate decays exponentially to this fraction of its start over the run. */
    private static final double FINAL_LEARNING_RATE_FRACTION = 0.1;
    private static final int BATCH = 10;

    @Spec
    private CommandSpec spec;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "100",
            description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of the data, the initial weights and the shuffles (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "chainrule-out",
            description = "Directory for the pictures, created if missing (default: ${DEFAULT-VALUE}).")
    private Path outDir;

    /** Creates the command; picocli calls this. */
    public DemoCommand() {
    }

    /**
     * Runs the demo.
     *
     * @return 0, or 1 if the gradient check fails.
     */
    @Override
    public Integer call() {
        if (epochs < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs must be at least 1, got " + epochs);
        }
        TrainingRun.checkOutputDirectory(outDir);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Chainrule demo: a network with skip connections, gradient-checked, then trained on two spirals.");
        TrainingRun.printProducts(out);

        Dataset.Split data = Playground.generate(Playground.Kind.SPIRAL, POINTS, 0, seed).split(TRAIN_RATIO, seed + 1);
        out.println();
        out.println("1. Data: two interleaved spirals, " + POINTS + " points (class 0 orange, class 1 blue):");
        out.println(INDENT + data.train().size() + " for training, " + data.test().size() + " held out for testing.");

        ResidualNet net = ResidualNet.create(2, WIDTH, BLOCKS, seed + 2);
        out.println();
        out.println("2. Network: a graph with skip connections, not a plain stack (examples as rows):");
        List<String> equations = net.equations();
        for (int i = 0; i < equations.size(); i++) {
            out.println(INDENT + INDENT + equations.get(i)
                    + (i == equations.size() - 1 ? ",   P(class 1) = sigmoid(score)" : ""));
        }
        out.println(INDENT + net.width() + " units, " + net.parameterCount() + " parameters. Each h feeds the next"
                + " block and a skip addition,");
        out.println(INDENT + "so backward adds the gradients of both paths into it.");
        Dataset batch = data.train().subset(IntStream.range(0, CHECK_BATCH).toArray());
        Node recorded = record(net, batch);
        out.println(INDENT + "Recorded with its loss on " + CHECK_BATCH + " points, the graph has "
                + recorded.graph().size() + " nodes:");
        out.println(INDENT + describe(recorded.graph()) + ".");

        out.println();
        GradientCheckResult check = gradientCheck(net, batch);
        printCheck(out, net, batch, check);
        if (!check.passed()) {
            out.println();
            out.print(check.report());
            out.flush();
            spec.commandLine().getErr().println("chainrule demo: the gradient check of the network failed");
            return Main.EXIT_FAILURE;
        }

        out.println();
        out.printf(Locale.ROOT, "4. Training: Adam, learning rate %s decaying to %s, batches of %d, %d epoch%s,%n",
                Tensor.format(LEARNING_RATE), Tensor.format(LEARNING_RATE * FINAL_LEARNING_RATE_FRACTION), BATCH, epochs,
                epochs == 1 ? "" : "s");
        out.println(INDENT + "minimising the sigmoid cross-entropy of the scores:");
        Adam adam = new Adam(net.parameters(), LEARNING_RATE);
        TrainerBuilder trainer = Trainer.builder(net, Losses.SIGMOID_CROSS_ENTROPY, adam)
                .epochs(epochs).batchSize(BATCH).seed(seed + 3).listener(exponentialDecay(adam, epochs));
        List<EpochMetrics> history = TrainingRun.fit(trainer, data, out);
        out.flush();

        out.println();
        out.println("5. Result after " + epochs + " epoch" + (epochs == 1 ? "" : "s") + ":");
        TrainingRun.printReadout(out, INDENT, history.get(history.size() - 1));

        out.println();
        out.println("6. Pictures:");
        Path curves = TrainingRun.writeCurves(history, outDir.resolve("demo-curves.png"));
        TrainingRun.printFile(out, INDENT, curves, "loss and accuracy per epoch");
        Path boundary = TrainingRun.writeBoundary("Two spirals: the network's P(class 1), test points on top",
                data.test(), net, outDir.resolve("demo-boundary.png"));
        TrainingRun.printFile(out, INDENT, boundary, "what the network learned, with the test points");
        // The pictures show every node's gradient too: backward on the check batch, before and after
        // training (the weights are not touched; the stray parameter gradients are cleared after).
        recorded.graph().backward(recorded);
        double untrainedLoss = recorded.value().item();
        GraphPicture.Rendering before = new GraphPicture()
                .titled("UNTRAINED: the initial weights, loss " + Tensor.format(untrainedLoss) + " on the "
                        + CHECK_BATCH + "-point check batch")
                .export(recorded.graph(), outDir.resolve("demo-graph-untrained.dot"));
        Node trained = record(net, batch);
        BackwardTrace trainedPass = BackwardTrace.record(trained);
        GraphPicture.Rendering after = new GraphPicture()
                .titled("TRAINED: the weights after " + epochs + " epoch" + (epochs == 1 ? "" : "s") + ", loss "
                        + Tensor.format(trained.value().item()) + " on the same " + CHECK_BATCH + "-point batch")
                .export(trained.graph(), outDir.resolve("demo-graph.dot"));
        Path page = BackwardPage.of(trainedPass)
                .titled("Chainrule demo: the trained network's backward pass on " + CHECK_BATCH + " points")
                .subtitled("step through it: each edge's local derivative, its contribution, and the running sum"
                        + " Delta(h)")
                .writeTo(outDir.resolve("demo-backward.html"));
        net.zeroGradients();
        out.println(INDENT + "the network's graph before training (values and gradients on the " + CHECK_BATCH
                + "-point batch, loss " + Tensor.format(untrainedLoss) + "): " + before.message());
        out.println(INDENT + "the same graph after training (loss " + Tensor.format(trained.value().item()) + "): "
                + after.message());
        out.println(INDENT + "its backward pass, step by step in a browser: " + page.toAbsolutePath().normalize());
        return 0;
    }

    /** Records the network and its loss on a batch in a fresh graph; returns the loss node. */
    private static Node record(ResidualNet net, Dataset batch) {
        Graph graph = new Graph();
        Node scores = net.apply(graph.input("x", batch.features()));
        Node loss = Losses.SIGMOID_CROSS_ENTROPY.apply(scores, graph.constant("t", batch.binaryTargets()))
                .setName("loss");
        // pictures and the backward page name every node: the unnamed inner ones by operation, in order
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Node node : graph.nodes()) {
            if (node.name() == null) {
                String op = node.operation().name().replaceAll("[^A-Za-z]", "");
                node.setName(op + seen.merge(op, 1, Integer::sum));
            }
        }
        return loss;
    }

    /** E.g. {@code 1 input, 8 parameters, 4 matmul, ...}: the nodes by kind and operation, in order of appearance. */
    private static String describe(Graph graph) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Node node : graph.nodes()) {
            String kind = node.operation() == null ? node.kind().name().toLowerCase(Locale.ROOT) : node.operation().name();
            counts.merge(kind, 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((kind, count) -> parts.add(count + " " + kind
                + (count > 1 && (kind.equals("input") || kind.equals("parameter") || kind.equals("constant")) ? "s" : "")));
        return String.join(", ", parts);
    }

    /**
     * Checks the gradient of the network's loss on a batch with respect to the batch and to
     * every parameter, at the network's initial weights: the checker records the inputs as
     * its own parameters, and the network is rebuilt on them ({@link ResidualNet#on}).
     */
    private static GradientCheckResult gradientCheck(ResidualNet net, Dataset batch) {
        Tensor targets = batch.binaryTargets();
        GraphFunction loss = (graph, x) -> {
            List<Parameter> weights = Arrays.stream(x, 1, x.length).map(Node::parameter).toList();
            return Losses.SIGMOID_CROSS_ENTROPY.apply(net.on(weights).apply(x[0]), graph.constant("t", targets));
        };
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(batch.features());
        for (Parameter p : net.parameters()) {
            inputs.add(p.value());
        }
        return GradientCheck.defaults().check(loss, inputs.toArray(new Tensor[0]));
    }

    private static void printCheck(PrintWriter out, ResidualNet net, Dataset batch, GradientCheckResult check) {
        long derivatives = check.inputs().stream().mapToLong(Tensor::size).sum();
        GradientCheck settings = check.settings();
        out.println("3. Gradient check: all " + derivatives + " derivatives of the loss from backward (by the "
                + batch.size() + "x2 batch and the " + net.parameterCount() + " parameters)");
        out.println(INDENT + "against central differences (f(x + h) - f(x - h)) / 2h, h = "
                + Tensor.format(settings.step()) + ", passing when |error| <= "
                + Tensor.format(settings.absoluteTolerance()) + " + " + Tensor.format(settings.relativeTolerance())
                + " |numeric|:");
        ElementCheck worst = GradcheckCommand.worst(check);
        if (worst == null) {
            out.println(INDENT + "no element could be compared: FAIL");
            return;
        }
        List<String> names = new ArrayList<>();
        names.add("x");
        net.parameters().forEach(p -> names.add(p.name()));
        out.printf(Locale.ROOT, "%sworst |error| %.1e (relative %.1e) at %s[%d, %d]: %s%n", INDENT, worst.absoluteError(),
                worst.relativeError(), names.get(worst.input()), worst.row(), worst.col(), check.passed() ? "PASS" : "FAIL");
    }

    /** Multiplies the learning rate after each epoch so that it falls to the final fraction over the run. */
    private static TrainingListener exponentialDecay(Adam adam, int epochs) {
        double start = adam.learningRate();
        return new TrainingListener() {
            @Override
            public void epochFinished(EpochReport report) {
                adam.setLearningRate(start * Math.pow(FINAL_LEARNING_RATE_FRACTION, (double) report.epoch() / epochs));
            }
        };
    }
}
