package org.chainrule.nn.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.chainrule.core.Axis;
import org.chainrule.core.Tensor;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Operation;
import org.chainrule.graph.check.GradientCheck;
import org.chainrule.graph.check.GradientCheckResult;
import org.chainrule.graph.check.GraphFunction;
import org.chainrule.graph.check.Localisation;
import org.chainrule.graph.ops.AddBroadcast;
import org.chainrule.graph.ops.Exp;
import org.chainrule.graph.ops.Log;
import org.chainrule.graph.ops.LogSoftmax;
import org.chainrule.graph.ops.MatMul;
import org.chainrule.graph.ops.MultiplyBroadcast;
import org.chainrule.graph.ops.Scale;
import org.chainrule.graph.ops.Sigmoid;
import org.chainrule.graph.ops.Softmax;
import org.chainrule.graph.ops.Square;
import org.chainrule.graph.ops.Sum;
import org.chainrule.graph.ops.Tanh;
import org.chainrule.graph.ops.Transpose;
import org.chainrule.testing.Theories;
import org.chainrule.testing.WrongDerivative;
import org.chainrule.nn.ops.Affine;
import org.chainrule.nn.ops.LeakyRelu;
import org.chainrule.nn.ops.SoftmaxCrossEntropy;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Localisation names exactly the operation whose derivative is wrong: a 30-operation network
 * of graph, {@code nn} and user operations, with a wrong VJP planted in each operation in turn.
 */
class LocalisationProperties {
    /** A user's own operation, as a one-liner. */
    private static final Operation SOFTPLUS = ElementwiseOperation.of("softplus",
            x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), (x, y) -> 1 / (1 + Math.exp(-x)));

    /** One step of the network: an operation and the indices of its arguments among the values so far. */
    private record Step(Operation operation, int... args) {
    }

    /** Values 0-5 are the leaves: X (constant), W1, b1, W2, b2 (the inputs checked) and one-hot Y (constant). */
    private static final List<Step> STEPS = List.of(
            new Step(MatMul.INSTANCE, 0, 1),                 // 6  X W1
            new Step(AddBroadcast.INSTANCE, 6, 2),           // 7  + b1 (a row broadcast over the rows)
            new Step(Tanh.INSTANCE, 7),                      // 8
            new Step(Sigmoid.INSTANCE, 7),                   // 9
            new Step(MultiplyBroadcast.INSTANCE, 8, 9),      // 10 tanh * sigmoid
            new Step(SOFTPLUS, 10),                          // 11 user operation
            new Step(new LeakyRelu(0.1), 7),                 // 12 nn operation
            new Step(AddBroadcast.INSTANCE, 11, 12),         // 13
            new Step(new Scale(0.5), 13),                    // 14
            new Step(Square.INSTANCE, 14),                   // 15
            new Step(Exp.INSTANCE, 14),                      // 16
            new Step(AddBroadcast.INSTANCE, 15, 16),         // 17 positive
            new Step(Log.INSTANCE, 17),                      // 18
            new Step(Affine.INSTANCE, 18, 3, 4),             // 19 nn's fused X W + b
            new Step(MatMul.INSTANCE, 8, 3),                 // 20 tanh W2
            new Step(AddBroadcast.INSTANCE, 19, 20),         // 21 scores, 6x3
            new Step(new Softmax(Axis.EACH_ROW), 21),        // 22
            new Step(Transpose.INSTANCE, 22),                // 23 3x6
            new Step(MatMul.INSTANCE, 23, 18),               // 24 3x5
            new Step(Sum.along(Axis.EACH_ROW), 24),          // 25 3x1
            new Step(new LogSoftmax(Axis.EACH_COLUMN), 25),  // 26 3x1
            new Step(MatMul.INSTANCE, 20, 26),               // 27 6x1
            new Step(Tanh.INSTANCE, 27),                     // 28
            new Step(Sum.ALL, 28),                           // 29 1x1
            new Step(SoftmaxCrossEntropy.INSTANCE, 21, 5),   // 30 nn's fused loss, 1x1
            new Step(MultiplyBroadcast.INSTANCE, 30, 29),    // 31
            new Step(AddBroadcast.INSTANCE, 31, 30),         // 32
            new Step(SOFTPLUS, 15),                          // 33
            new Step(Sum.ALL, 33),                           // 34
            new Step(AddBroadcast.INSTANCE, 32, 34));        // 35 the loss
    private static final int LEAVES = 6;

    /** Operation {@code planted} (an index into {@link #STEPS}, or -1) gets a wrong VJP. */
    private static GraphFunction network(Tensor x, Tensor y, int planted) {
        return (graph, p) -> {
            List<Node> values = new ArrayList<>(List.of(graph.constant("X", x), p[0], p[1], p[2], p[3],
                    graph.constant("Y", y)));
            for (int s = 0; s < STEPS.size(); s++) {
                Step step = STEPS.get(s);
                Node[] args = new Node[step.args().length];
                for (int k = 0; k < args.length; k++) {
                    args[k] = values.get(step.args()[k]);
                }
                Operation op = s == planted ? new WrongDerivative(step.operation().name(), step.operation(),
                        WrongDerivative.EVERY_INPUT, 1, 0.05) : step.operation();
                values.add(graph.apply(op, args).setName("h" + (LEAVES + s)));
            }
            return values.get(values.size() - 1);
        };
    }

    private static Tensor[] weights(Random random) {
        return new Tensor[] {Tensor.uniform(4, 5, -1, 1, random), Tensor.uniform(1, 5, -1, 1, random),
                             Tensor.uniform(5, 3, -1, 1, random), Tensor.uniform(1, 3, -1, 1, random)};
    }

    private static Tensor oneHot(Random random) {
        DMatrixRMaj y = new DMatrixRMaj(6, 3);
        for (int i = 0; i < 6; i++) {
            y.set(i, random.nextInt(3), 1);
        }
        return Tensor.adopt(y);
    }

    @Test
    void theNetworkHasThirtyOperationsAndPassesWhenNothingIsPlanted() {
        Random random = new Random(Theories.seed());
        Tensor x = Tensor.uniform(6, 4, -1, 1, random);
        Tensor y = oneHot(random);
        GraphFunction clean = network(x, y, -1);
        Graph graph = new Graph();
        Node[] p = new Node[4];
        Tensor[] w = weights(random);
        for (int i = 0; i < 4; i++) {
            p[i] = graph.parameter("x" + i, w[i]);
        }
        assertTrue(clean.build(graph, p).shape().isScalar());
        assertEquals(30, graph.nodes().stream().filter(n -> n.operation() != null).count());
        GradientCheck.defaults().assertGradients(clean, w);
    }

    @Test
    void aWrongDerivativePlantedInAnyOperationIsNamedExactly() {
        Theories.qt(60).forAll(integers().between(0, STEPS.size() - 1), longs().all()).checkAssert((planted, seed) -> {
            Random random = new Random(seed);
            Tensor x = Tensor.uniform(6, 4, -1, 1, random);
            Tensor y = oneHot(random);
            GradientCheckResult result = GradientCheck.defaults().withSeed(seed)
                    .check(network(x, y, planted), weights(random));
            assertFalse(result.passed(), "the planted fault in h" + (LEAVES + planted) + " must fail the check");
            Localisation where = result.localisation().orElseThrow();
            assertEquals(Localisation.Verdict.OPERATION, where.verdict(), result.report());
            assertEquals("'h" + (LEAVES + planted) + "'", where.node().orElseThrow(), result.report());
            assertEquals(STEPS.get(planted).operation().name(), where.faultyOperation().orElseThrow().operation());
            List<String> chain = where.chain();
            assertEquals("'h" + (LEAVES + planted) + "'", chain.get(0));
            assertEquals("'h" + (LEAVES + STEPS.size() - 1) + "'", chain.get(chain.size() - 1), result.report());
        });
    }

    @Test
    void everyOperationOfEveryKindIsPlantedOnceInOrder() {
        Random random = new Random(Theories.seed());
        Tensor x = Tensor.uniform(6, 4, -1, 1, random);
        Tensor y = oneHot(random);
        Tensor[] w = weights(random);
        for (int planted = 0; planted < STEPS.size(); planted++) {
            GradientCheckResult result = GradientCheck.defaults().check(network(x, y, planted), w);
            assertFalse(result.passed(), "h" + (LEAVES + planted));
            assertEquals("'h" + (LEAVES + planted) + "'", result.localisation().orElseThrow().node().orElseThrow(),
                    result.report());
        }
    }
}
