package org.chainrule.examples.walkthrough;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.trace.BackwardTrace;
import org.chainrule.nn.Activation;
import org.chainrule.nn.Mlp;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.data.Playground;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.optim.Sgd;
import org.chainrule.nn.train.EpochReport;
import org.chainrule.nn.train.TrainingHistory;
import org.chainrule.nn.train.Trainer;

/**
 * Lesson 11 (notes B): the two TensorFlow Playground runs the notes show, repeated on
 * {@code train}'s circle set (500 points, no noise, half for training, seed 1, batches of
 * 10, sigmoid activations): one hidden neuron at learning rate 0.3, which cannot enclose a
 * circle with one straight line and stays near chance, and two hidden layers of 6 and 1
 * neurons at 0.1, which separate the classes. The playground's loss is its own measure, so
 * the lesson compares behaviour, not digits.
 */
final class PlaygroundRuns {
    private static final int POINTS = 500;
    private static final long SEED = 1;
    private static final int EPOCHS = 229;
    private static final int BATCH = 10;
    private static final Set<Integer> SHOWN = Set.of(1, 10, 50, 100, 229);

    private PlaygroundRuns() {
    }

    static Graph teach(Page page) {
        Dataset.Split data = Playground.generate(Playground.Kind.CIRCLE, POINTS, 0, SEED).split(0.5, SEED + 1);
        page.text("The notes show two runs of TensorFlow Playground: sigmoid activations, batch size 10, a 50%"
                + " training ratio, no noise. Here they are repeated on the circle set of ./chainrule train"
                + " (" + POINTS + " points, seed " + SEED + ": " + data.train().size() + " for training, "
                + data.test().size() + " for testing; one output score, sigmoid cross-entropy, plain SGD) for "
                + EPOCHS + " epochs, the notes' second run's epoch count. The playground reports its own loss,"
                + " not this cross-entropy (ln 2 = 0.693 at chance), so compare the behaviour, not the digits.");

        Sequential one = Mlp.builder(2).hidden(1, Activation.SIGMOID).output(1, Activation.IDENTITY).seed(SEED + 2)
                .build();
        EpochReport r1 = run(page, "Run 1: one hidden neuron, learning rate 0.3", one, 0.3, data, "run1");
        page.check("one neuron stays near chance: test accuracy below 70% (one straight line cannot enclose a"
                + " circle)", r1.testAccuracy() < 0.7);

        Sequential six = Mlp.builder(2).hidden(6, Activation.SIGMOID).hidden(1, Activation.SIGMOID)
                .output(1, Activation.IDENTITY).seed(SEED + 2).build();
        EpochReport r2 = run(page, "Run 2: hidden layers of 6 and 1 neurons, learning rate 0.1", six, 0.1, data,
                "run2");
        page.check("the 6-1 network separates the classes: test accuracy at least 95%", r2.testAccuracy() >= 0.95);
        page.text("Six sigmoid neurons draw six lines; the neuron after them combines the half-planes into a closed"
                + " region around the inner class, which a single line never can.");

        Graph g = new Graph();
        Node x = g.input("x", data.test().subset(new int[] {0}).features());
        Node t = g.constant("t", data.test().subset(new int[] {0}).binaryTargets());
        Node loss = Losses.SIGMOID_CROSS_ENTROPY.apply(one.apply(x).setName("score"), t).setName("L");
        for (Node n : g.nodes()) { // the layers' inner nodes: the hidden neuron's pre-activation and output
            if (n.name() == null) {
                n.setName(n.operation().name().equals("sigmoid") ? "h" : "a");
            }
        }
        page.section("Backward trace of run 1's trained neuron on one test point");
        page.trace(BackwardTrace.record(loss, Tensor.scalar(1.0), BackwardTrace.DEFAULT_MAX_STEPS));
        one.parameters().forEach(p -> p.zeroGradient());
        return g;
    }

    /** Trains one network, shows its curve, and quotes the notes' losses of that run beside its own. */
    private static EpochReport run(Page page, String heading, Sequential model, double learningRate,
            Dataset.Split data, String run) {
        page.section(heading);
        TrainingHistory history = train(model, learningRate, data);
        show(page, history);
        EpochReport last = history.last();
        page.quote("test loss", last.testLoss(), run + " test");
        page.quote("training loss", last.trainLoss(), run + " train");
        page.endRows();
        return last;
    }

    private static TrainingHistory train(Sequential model, double learningRate, Dataset.Split data) {
        return Trainer.builder(model, Losses.SIGMOID_CROSS_ENTROPY, new Sgd(model.parameters(), learningRate))
                .epochs(EPOCHS).batchSize(BATCH).seed(SEED + 3).build().fit(data.train(), data.test());
    }

    private static void show(Page page, TrainingHistory history) {
        List<List<String>> rows = new ArrayList<>();
        for (EpochReport r : history.epochs()) {
            if (SHOWN.contains(r.epoch())) {
                rows.add(List.of(Integer.toString(r.epoch()), Page.number(r.trainLoss()), Page.number(r.testLoss()),
                        percent(r.trainAccuracy()), percent(r.testAccuracy())));
            }
        }
        page.table(List.of("epoch", "training loss", "test loss", "training accuracy", "test accuracy"), rows);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
