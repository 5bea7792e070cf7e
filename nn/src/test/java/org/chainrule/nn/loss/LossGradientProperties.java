package org.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BinaryOperator;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Operation;
import org.chainrule.testing.WrongDerivative;
import org.chainrule.graph.check.GradientCheck;
import org.chainrule.graph.check.GraphFunction;
import org.chainrule.testing.Generators;
import org.chainrule.graph.check.OperationExample;
import org.chainrule.testing.Theories;
import org.chainrule.nn.Activation;
import org.chainrule.nn.ops.Affine;
import org.chainrule.nn.ops.SigmoidCrossEntropy;
import org.chainrule.nn.ops.SoftmaxCrossEntropy;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * Every loss in {@link Losses}, the fused operations behind the stable ones, leaky relu and
 * the dense layer's fused affine map
 * pass the public gradient checker on random shapes from the graph test-jar's generators —
 * with respect to the predictions and, where the target is a continuous input, with respect
 * to the targets too. A one-hot target is discrete, so softmax cross-entropy's gradient with
 * respect to it is checked exactly instead: the loss is linear in the target, so moving one
 * row's 1 to another class changes the loss by exactly the difference of two gradient
 * entries. And the properties can fail: test-only operations with a wrong derivative are caught.
 */
class LossGradientProperties {
    private static final int EXAMPLES = 100;

    private static Gen<LossExample> continuous(String name, BinaryOperator<Node> loss, double predictionLow,
                                               double predictionHigh, double targetLow, double targetHigh) {
        return in -> {
            Shape shape = Generators.shapes().generate(in);
            return new LossExample(name, loss, Generators.matrix(in, shape, predictionLow, predictionHigh),
                    Generators.matrix(in, shape, targetLow, targetHigh), true);
        };
    }

    /** Scores {@code m x k}, {@code k >= 2}, in {@code [-6, 6]}, against one-hot rows or a column of class indices. */
    private static Gen<LossExample> classes(String name, BinaryOperator<Node> loss, boolean indices) {
        return in -> {
            Shape shape = new Shape(Generators.dimension(in, Generators.MAX_DIMENSION),
                    Generators.between(in, 2, Generators.MAX_DIMENSION));
            Tensor scores = Generators.matrix(in, shape, -6, 6);
            int[] classes = randomClasses(in, shape);
            return new LossExample(name, loss, scores, indices ? indexColumn(classes) : oneHot(classes, shape.cols()),
                    false);
        };
    }

    private static int[] randomClasses(RandomnessSource in, Shape shape) {
        int[] classes = new int[shape.rows()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = Generators.between(in, 0, shape.cols() - 1);
        }
        return classes;
    }

    private static Tensor oneHot(int[] classes, int k) {
        DMatrixRMaj y = new DMatrixRMaj(classes.length, k);
        for (int i = 0; i < classes.length; i++) {
            y.set(i, classes[i], 1);
        }
        return Tensor.adopt(y);
    }

    private static Tensor indexColumn(int[] classes) {
        double[] column = new double[classes.length];
        for (int i = 0; i < classes.length; i++) {
            column[i] = classes[i];
        }
        return Tensor.column(column);
    }

    /** Moves targets so that every difference {@code |y - t|} is at least 0.1 from the Huber kinks at 0 and 1. */
    private static Tensor awayFromKinks(Tensor prediction, Tensor target) {
        DMatrixRMaj y = prediction.matrixView();
        DMatrixRMaj t = target.toMatrix();
        for (int i = 0; i < t.data.length; i++) {
            double d = y.data[i] - t.data[i];
            double sign = d >= 0 ? 1 : -1;
            if (Math.abs(d) < 0.1) {
                t.data[i] = y.data[i] - 0.1 * sign;
            } else if (Math.abs(Math.abs(d) - 1) < 0.1) {
                t.data[i] = y.data[i] - 1.2 * sign;
            }
        }
        return Tensor.adopt(t);
    }

    private static BinaryOperator<Node> fused(Operation operation) {
        return (prediction, target) -> prediction.graph().apply(operation, prediction, target);
    }

    /**
     * Each loss with the values it is defined on. Probabilities stay inside {@code [0.05, 0.95]}
     * and probability targets inside {@code [0.01, 0.99]}, so that the finite-difference steps
     * stay in the loss's domain.
     */
    enum Case {
        L2(continuous("L2 loss", Losses.L2::apply, -3, 3, -3, 3)),
        MEAN_SQUARED_ERROR(continuous("mean squared error", Losses.MEAN_SQUARED_ERROR::apply, -3, 3, -3, 3)),
        // predictions and targets a quarter apart at least, so that no difference sits on a kink of |d| or min(|d|, 1)
        HUBER(in -> {
            LossExample e = continuous("huber loss", Losses.HUBER::apply, -3, 3, -3, 3).generate(in);
            return new LossExample(e.name(), Losses.HUBER::apply, e.prediction(), awayFromKinks(e.prediction(),
                    e.target()), true);
        }),
        BINARY_CROSS_ENTROPY(continuous("binary cross-entropy", Losses.BINARY_CROSS_ENTROPY::apply, 0.05, 0.95,
                0.01, 0.99)),
        SIGMOID_CROSS_ENTROPY(continuous("sigmoid cross-entropy", Losses.SIGMOID_CROSS_ENTROPY::apply, -6, 6,
                0.01, 0.99)),
        SIGMOID_CROSS_ENTROPY_OPERATION(continuous("fused sigmoid cross-entropy operation",
                fused(SigmoidCrossEntropy.INSTANCE), -6, 6, 0.01, 0.99)),
        CROSS_ENTROPY(continuous("cross-entropy", Losses.CROSS_ENTROPY::apply, 0.05, 0.95, 0.01, 0.99)),
        SOFTMAX_CROSS_ENTROPY_ONE_HOT(classes("softmax cross-entropy, one-hot", Losses.SOFTMAX_CROSS_ENTROPY::apply,
                false)),
        SOFTMAX_CROSS_ENTROPY_INDICES(classes("softmax cross-entropy, class indices",
                Losses.SOFTMAX_CROSS_ENTROPY::apply, true)),
        SOFTMAX_CROSS_ENTROPY_OPERATION(classes("fused softmax cross-entropy operation",
                fused(SoftmaxCrossEntropy.INSTANCE), false));

        final Gen<LossExample> examples;

        Case(Gen<LossExample> examples) {
            this.examples = examples;
        }
    }

    private static void assertEveryExamplePasses(Gen<LossExample> examples) {
        Theories.qt(EXAMPLES).forAll(examples)
                .checkAssert(example -> GradientCheck.defaults().check(example, example.checkInputs()).assertPassed());
    }

    private static void assertEveryOperationExamplePasses(Gen<OperationExample> examples) {
        Theories.qt(EXAMPLES).forAll(examples)
                .checkAssert(example -> GradientCheck.defaults().check(example, example.checkInputs()).assertPassed());
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void passesTheGradientCheck(Case loss) {
        assertEveryExamplePasses(loss.examples);
    }

    /** At exactly 0 leaky relu's derivative is taken as the slope, between the one-sided differences. */
    @Test
    void leakyReluHasAKinkAtZero() {
        GraphFunction atZero = (graph, x) -> Activation.leakyRelu(0.3).apply(x[0]).sum();
        assertEquals(1, GradientCheck.defaults().assertGradients(atZero, Tensor.row(0, 1, -1)).kinks().size());
    }

    @Test
    void theStableLossesPassTheGradientCheckAtScoresOfPlusMinusAThousand() {
        Tensor scores = Tensor.of(new double[][] {{1000, -1000, 3}, {-1000, 999, 1000}});
        GradientCheck.defaults().assertGradients((graph, z) -> Losses.SOFTMAX_CROSS_ENTROPY.apply(z[0],
                graph.constant(Tensor.column(1, 2))), scores);
        GradientCheck.defaults().assertGradients((graph, x) -> Losses.SIGMOID_CROSS_ENTROPY.apply(x[0], x[1]),
                scores, Tensor.of(new double[][] {{0.25, 0.5, 0.75}, {0.1, 0.9, 0.5}}));
    }

    @Test
    void softmaxCrossEntropyGradientWithRespectToOneHotTargetsIsExactBetweenOneHotPoints() {
        Theories.qt(EXAMPLES).forAll(classes("softmax cross-entropy", Losses.SOFTMAX_CROSS_ENTROPY::apply, false))
                .checkAssert(example -> {
                    Tensor y = example.target();
                    Graph g = new Graph();
                    Node target = g.parameter("y", y);
                    Node loss = Losses.SOFTMAX_CROSS_ENTROPY.apply(g.input(example.prediction()), target);
                    g.backward(loss);
                    Tensor gradient = target.gradient();
                    double base = loss.value().item();
                    for (int i = 0; i < y.rows(); i++) {
                        int c = classOf(y, i);
                        for (int j = 0; j < y.cols(); j++) {
                            double[][] moved = y.toArray();
                            moved[i][c] = 0;
                            moved[i][j] = 1;
                            Graph h = new Graph();
                            double changed = Losses.SOFTMAX_CROSS_ENTROPY.apply(h.input(example.prediction()),
                                    h.constant(Tensor.of(moved))).value().item();
                            double expected = gradient.get(i, j) - gradient.get(i, c);
                            assertEquals(expected, changed - base, 1e-12 * Math.max(1, Math.abs(expected)),
                                    example + ": row " + i + " moved from class " + c + " to " + j);
                        }
                    }
                });
    }

    private static int classOf(Tensor oneHot, int row) {
        for (int j = 0; j < oneHot.cols(); j++) {
            if (oneHot.get(row, j) == 1) {
                return j;
            }
        }
        throw new AssertionError("row " + row + " of " + oneHot + " is not one-hot");
    }

    // ---- the properties can fail ----

    private static void assertCaught(Gen<LossExample> broken) {
        AssertionError failure = assertThrows(AssertionError.class, () -> assertEveryExamplePasses(broken));
        String report = failure.getMessage();
        assertTrue(report.contains("Property falsified") && report.contains("gradient check FAILED"), report);
        assertTrue(report.contains("Seed was " + Theories.seed()), report);
    }

    @Test
    void aSignErrorInTheSigmoidCrossEntropyTargetGradientIsCaught() {
        Operation broken = new WrongDerivative(SigmoidCrossEntropy.INSTANCE.name() + " (input 1's derivative times -1)",
                SigmoidCrossEntropy.INSTANCE, 1, -1, 0);
        assertCaught(continuous(broken.name(), fused(broken), -6, 6, 0.01, 0.99));
    }

    @Test
    void aSoftmaxCrossEntropyScoreGradientOnePercentOffIsCaught() {
        Operation broken = new WrongDerivative(SoftmaxCrossEntropy.INSTANCE.name() + " (input 0's derivative times 1.01)",
                SoftmaxCrossEntropy.INSTANCE, 0, 1.01, 0);
        assertCaught(classes(broken.name(), fused(broken), false));
    }

    @Test
    void aLeakyReluWhoseDerivativeIgnoresTheSlopeIsCaught() {
        Operation broken = ElementwiseOperation.of("leaky relu (derivative 1 everywhere)", a -> a > 0 ? a : 0.01 * a,
                (a, r) -> 1.0);
        AssertionError failure = assertThrows(AssertionError.class, () -> assertEveryOperationExamplePasses(
                Generators.examples(broken.name(), x -> x[0].graph().apply(broken, x[0]), Generators.sameShape(1))));
        assertTrue(failure.getMessage().contains("gradient check FAILED"), failure.getMessage());
    }

    @Test
    void everyLossInLossesHasACase() throws IllegalAccessException {
        Set<Loss> covered = Set.of(Losses.L2, Losses.MEAN_SQUARED_ERROR, Losses.HUBER, Losses.BINARY_CROSS_ENTROPY,
                Losses.SIGMOID_CROSS_ENTROPY, Losses.CROSS_ENTROPY, Losses.SOFTMAX_CROSS_ENTROPY);
        Set<Loss> declared = new HashSet<>();
        for (Field field : Losses.class.getFields()) {
            if (field.getType() == Loss.class) {
                declared.add((Loss) field.get(null));
            }
        }
        assertEquals(covered, declared, "a loss added to Losses needs a Case here");
    }
}
