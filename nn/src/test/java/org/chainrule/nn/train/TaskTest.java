package org.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Init;
import org.chainrule.nn.Linear;
import org.chainrule.nn.Standardization;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.data.Playground;
import org.chainrule.nn.data.Targets;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.optim.Sgd;
import org.junit.jupiter.api.Test;

/** The task as a type: its loss, the targets it accepts, its metrics and readout, and an objective that reads the inputs. */
class TaskTest {
    private static final Tensor X = Tensor.of(new double[][] {{0.5, -1}, {2, 0.25}, {-1.5, 1}});
    private static final Tensor Y = Tensor.column(1.0, -2.0, 0.5);

    @Test
    void theUsualClassificationLossFollowsTheNumberOfClasses() {
        assertSame(Losses.SIGMOID_CROSS_ENTROPY, Task.forClasses(2).loss());
        assertSame(Losses.SOFTMAX_CROSS_ENTROPY, Task.forClasses(3).loss());
        assertThrows(ChainruleException.class, () -> Task.forClasses(1));
        assertTrue(Task.of(Losses.L2, Targets.classIndices(new int[] {0, 1}, 2)).isClassification());
        assertTrue(!Task.of(Losses.L2, Targets.values(Y)).isClassification());
        assertEquals(List.of(Metric.LOSS, Metric.ACCURACY), Task.forClasses(2).metrics());
        assertEquals(List.of(Metric.LOSS, Metric.RMSE, Metric.R_SQUARED), Task.regression(Losses.L2).metrics());
    }

    @Test
    void aTaskRefusesTargetsOfTheOtherKindNamingThem() {
        Linear model = new Linear("lin", 2, 1, Init.GLOROT_UNIFORM, new Random(1));
        Dataset values = Dataset.regression(X, Y);
        Dataset classes = Playground.generate(Playground.Kind.XOR, 8, 0, 1);
        ChainruleException e = assertThrows(ChainruleException.class, () -> Trainer.builder(model,
                Task.forClasses(2), new Sgd(model.parameters(), 0.1)).build().fit(values));
        assertTrue(e.getMessage().startsWith("trainer: a classification task needs class targets, but these are"),
                e.getMessage());
        e = assertThrows(ChainruleException.class, () -> Trainer.builder(model, Task.regression(
                Losses.MEAN_SQUARED_ERROR, Standardization.fittedTo(Y)), new Sgd(model.parameters(), 0.1)).build()
                .fit(classes));
        assertTrue(e.getMessage().startsWith("trainer: standardised targets are for value (regression) targets"),
                e.getMessage());
    }

    @Test
    void theReadoutsWordTheFiguresAsTheCommandLinePrintsThem() {
        assertEquals(List.of("train loss      0.6931", "test loss       0.7000", "train accuracy  50.0%",
                "test accuracy   75.0%"), Task.forClasses(2).readout(new Evaluation(Math.log(2), 0.5),
                new Evaluation(0.7, 0.75)));
        assertEquals(List.of("train loss      4", "test loss       9", "train RMSE      2", "test RMSE       3",
                "test R^2        0.8765"), Task.regression(Losses.MEAN_SQUARED_ERROR).readout(
                new Evaluation(4, Double.NaN, 2, 0.9), new Evaluation(9, Double.NaN, 3, 0.87654)));
    }

    /**
     * A step on an objective that reads the model's input as well as its output is the step of
     * that objective's gradient: the same update as recording the objective by hand, and the
     * step returns the objective's value, not the loss's.
     */
    @Test
    void aStepMinimisesAnObjectiveThatReadsTheInputs() {
        double lambda = 0.3;
        Objective penalty = b -> b.loss().add(b.output().mul(b.inputs().get(0).sum(org.chainrule.core.Axis.EACH_ROW))
                .square().sum().scale(lambda));
        Linear model = new Linear("lin", 2, 1, Init.GLOROT_UNIFORM, new Random(3));
        Linear twin = new Linear("lin", 2, 1, Init.GLOROT_UNIFORM, new Random(3));
        Trainer trainer = Trainer.builder(model, Task.regression(Losses.MEAN_SQUARED_ERROR).withObjective(penalty),
                new Sgd(model.parameters(), 0.1)).build();
        double value = trainer.step(X, Y);

        Graph g = new Graph();
        Node x = g.input("X", X);
        Node out = twin.apply(x);
        Node loss = Losses.MEAN_SQUARED_ERROR.apply(out, g.constant("T", Y));
        Node objective = loss.add(out.mul(x.sum(org.chainrule.core.Axis.EACH_ROW)).square().sum().scale(lambda));
        g.backward(objective);
        Sgd sgd = new Sgd(twin.parameters(), 0.1);
        sgd.step();

        assertEquals(objective.value().item(), value);
        assertNotEquals(loss.value().item(), value);
        for (int k = 0; k < model.parameters().size(); k++) {
            assertArrayEquals(twin.parameters().get(k).value().toArray(), model.parameters().get(k).value().toArray());
        }
    }

    @Test
    void anObjectiveMustBeOneByOneInTheBatchsGraph() {
        Linear model = new Linear("lin", 2, 1, Init.GLOROT_UNIFORM, new Random(3));
        Task wide = Task.regression(Losses.L2).withObjective(Objective.Batch::output);
        ChainruleException e = assertThrows(ChainruleException.class, () -> Trainer.builder(model, wide,
                new Sgd(model.parameters(), 0.1)).build().step(X, Y));
        assertEquals("task: the objective must be a 1x1 node in the batch's graph, got 3x1", e.getMessage());
        Task elsewhere = Task.regression(Losses.L2).withObjective(b -> new Graph().constant(Tensor.scalar(1)));
        e = assertThrows(ChainruleException.class, () -> Trainer.builder(model, elsewhere,
                new Sgd(model.parameters(), 0.1)).build().step(X, Y));
        assertEquals("task: the objective must be a 1x1 node in the batch's graph, got 1x1 in another graph",
                e.getMessage());
    }

    /**
     * Zeroing, as documented: before each backward pass the trainer zeroes the gradient of
     * every model parameter, frozen ones included, so a frozen parameter keeps its value and its
     * gradient after a step is that step's alone; and of the optimizer's parameters the model
     * lacks, so a stale gradient there is not applied at every step.
     */
    @Test
    void aFrozenParameterKeepsItsValueAndHoldsOnlyTheLastStepsGradient() {
        Linear model = new Linear("lin", 2, 1, Init.GLOROT_UNIFORM, new Random(5));
        Parameter frozen = model.bias().orElseThrow();
        Parameter outside = new Parameter("outside", Tensor.row(1.0, 2.0));
        outside.mutableGradient().set(0, 0, 7);
        Tensor frozenBefore = frozen.value();
        Trainer trainer = Trainer.builder(model, Task.regression(Losses.MEAN_SQUARED_ERROR),
                new Sgd(List.of(model.weight(), outside), 0.1)).freeze(frozen).build();
        trainer.step(X, Y);
        Graph g = new Graph(); // the second step's gradient, at the weights after the first
        Node loss = Losses.MEAN_SQUARED_ERROR.apply(model.apply(g.input("X", X)), g.constant("T", Y));
        frozen.zeroGradient();
        g.backward(loss);
        Tensor secondStep = frozen.gradient();
        trainer.step(X, Y);

        assertArrayEquals(frozenBefore.toArray(), frozen.value().toArray());
        assertArrayEquals(secondStep.toArray(), frozen.gradient().toArray(), "the second step's gradient, not a sum");
        assertArrayEquals(new double[][] {{1.0, 2.0}}, outside.value().toArray());
        assertArrayEquals(new double[][] {{0.0, 0.0}}, outside.gradient().toArray());
    }
}
