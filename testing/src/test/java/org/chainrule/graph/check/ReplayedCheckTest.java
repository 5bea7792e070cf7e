package org.chainrule.graph.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.chainrule.core.Axis;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Replay;
import org.chainrule.graph.check.GraphOperations;
import org.chainrule.testing.Generators;
import org.chainrule.testing.Theories;
import org.junit.jupiter.api.Test;

/**
 * The checker's replayed evaluations give bit for bit the numbers of recording the function
 * afresh at every shifted point, and a recording that branches on values is recorded afresh.
 */
class ReplayedCheckTest {
    private static final GradientCheck CHECK = GradientCheck.defaults();

    private static void assertSameResults(GradientCheckResult replayed, GradientCheckResult recorded) {
        assertEquals(recorded.inputChecks(), replayed.inputChecks(), "element checks differ");
        assertEquals(recorded.direction(), replayed.direction(), "directional checks differ");
        assertEquals(recorded.outputValue(), replayed.outputValue());
        assertEquals(recorded.problems(), replayed.problems());
        assertEquals(recorded.report(), replayed.report());
    }

    @Test
    void replayingRandomDagsGivesTheNumbersOfRecordingAfreshBitForBit() {
        Theories.qt(60).forAll(Generators.dags()).checkAssert(dag -> {
            Tensor[] x = dag.checkInputs();
            assertSameResults(CHECK.check(dag, x), CHECK.withRecordingEachEvaluation().check(dag, x));
            GradientCheck fast = CHECK.withFastMode(5);
            assertSameResults(fast.check(dag, x), fast.withRecordingEachEvaluation().check(dag, x));
        });
    }

    @Test
    void replayingEveryListedOperationGivesTheNumbersOfRecordingAfresh() {
        Random random = new Random(Theories.seed());
        for (OperationCase operation : GraphOperations.cases()) {
            OperationExample example = operation.draw(Draw.from(random, 4));
            GradientCheckResult replayed = CHECK.check(example, example.checkInputs());
            assertSameResults(replayed, CHECK.withRecordingEachEvaluation().check(example, example.checkInputs()));
            assertTrue(replayed.passed(), replayed.report());
        }
    }

    @Test
    void aRecordingThatReadsAValueIsRecordedAfreshForEveryEvaluation() {
        // f(x) = 3x for x > 0 and -2x otherwise, written as a branch on x's value: replaying the
        // first recording would keep the branch taken at the point, x - h included, and miss the kink.
        AtomicInteger recordings = new AtomicInteger();
        GraphFunction branching = (graph, x) -> {
            recordings.incrementAndGet();
            return x[0].value().item() > 0 ? x[0].scale(3) : x[0].scale(-2);
        };
        GradientCheckResult result = CHECK.check(branching, Tensor.scalar(0.5e-6));
        assertEquals(2 + 2, recordings.get(), "two recordings at the point and one per shifted point");
        assertEquals(1, result.kinks().size(), result.report());
        assertEquals(0.5, result.kinks().get(0).left(), 1e-9);
        assertEquals(3, result.kinks().get(0).right(), 1e-9);

        recordings.set(0);
        GraphFunction smooth = (graph, x) -> {
            recordings.incrementAndGet();
            return x[0].tanh().sum();
        };
        CHECK.assertGradients(smooth, Tensor.row(0.5, 1, 2));
        assertEquals(2, recordings.get(), "a function that reads no value is recorded twice and then replayed");
        recordings.set(0);
        CHECK.withRecordingEachEvaluation().assertGradients(smooth, Tensor.row(0.5, 1, 2));
        assertEquals(2 + 6, recordings.get());
    }

    @Test
    void aReplayRecomputesOnlyTheNodesDownstreamAndRestoresBitForBit() {
        Graph graph = new Graph();
        Node a = graph.parameter("a", Tensor.of(new double[][] {{0.3, -0.2}, {1.1, 0.4}}));
        Node b = graph.parameter("b", Tensor.row(0.5, -1));
        Node left = a.tanh();
        Node out = left.add(b).softmax(Axis.EACH_ROW).mul(left).sum();
        Tensor recorded = out.value();
        Replay replay = Replay.of(out);
        replay.shiftElementInPlace(b, 1, 1e-3);
        Graph fresh = new Graph();
        Node a2 = fresh.parameter("a", Tensor.of(new double[][] {{0.3, -0.2}, {1.1, 0.4}}));
        Node b2 = fresh.parameter("b", Tensor.row(0.5, -1 + 1e-3));
        Node left2 = a2.tanh();
        Node out2 = left2.add(b2).softmax(Axis.EACH_ROW).mul(left2).sum();
        assertEquals(out2.value().item(), replay.outputElement(0));
        replay.shiftElementInPlace(a, 2, -1e-3);   // puts b back first
        Graph third = new Graph();
        Node a3 = third.parameter("a", Tensor.of(new double[][] {{0.3, -0.2}, {1.1 - 1e-3, 0.4}}));
        Node b3 = third.parameter("b", Tensor.row(0.5, -1));
        Node left3 = a3.tanh();
        assertEquals(left3.add(b3).softmax(Axis.EACH_ROW).mul(left3).sum().value().item(), replay.outputElement(0));
        replay.restoreInPlace();
        assertEquals(recorded, out.value());
        assertEquals(Tensor.row(0.5, -1), b.value());
    }

    @Test
    void aFunctionReturningAnEarlierInputIsCheckedAsItIsRecorded() {
        GraphFunction first = (g, x) -> x[0];
        Tensor a = Tensor.scalar(0.5);
        Tensor b = Tensor.row(1, 2);
        assertSameResults(CHECK.assertGradients(first, a, b), CHECK.withRecordingEachEvaluation().check(first, a, b));
        assertSameResults(CHECK.withFastMode(2).assertGradients(first, a, b),
                CHECK.withFastMode(2).withRecordingEachEvaluation().check(first, a, b));
    }

    @Test
    void aNonScalarOutputIsCheckedOnItsWholeJacobian() {
        Tensor a = Tensor.of(new double[][] {{0.3, -0.2, 0.7}, {1.1, 0.4, -0.6}});
        GradientCheckResult result = CHECK.assertGradients((g, x) -> x[0].softmax(Axis.EACH_ROW), a);
        InputCheck check = result.inputChecks().get(0);
        assertEquals(6, check.analytic().rows(), "one Jacobian row per output element");
        assertEquals(6, check.analytic().cols(), "one column per input element");
        // d softmax_i / d z_j = s_i (delta_ij - s_j), zero across rows.
        Tensor s = result.outputValue();
        assertEquals(s.get(0, 0) * (1 - s.get(0, 0)), check.analytic().get(0, 0), 1e-15);
        assertEquals(-s.get(0, 0) * s.get(0, 1), check.analytic().get(0, 1), 1e-15);
        assertEquals(0, check.analytic().get(0, 3));
        assertTrue(check.analytic().approxEquals(check.numeric(), 1e-8));
        assertTrue(CHECK.withFastMode(3).check((g, x) -> x[0].softmax(Axis.EACH_ROW), a).passed());
    }

    @Test
    void aWrongJacobianEntryThatASumWouldHideIsCaught() {
        // Softmax without its dot-product term: s * g instead of s * (g - s . g). Summing the
        // output would seed g = 1, where the missing term is the same for every element of a row
        // and a sum's gradient of a softmax is 0 anyway; the Jacobian's unit seeds expose it.
        org.chainrule.graph.Operation broken = new org.chainrule.graph.NamedOperation("softmax without s . g", 1) {
            @Override
            public org.chainrule.core.Shape outputShape(List<org.chainrule.core.Shape> in) {
                return in.get(0);
            }

            @Override
            public void forward(org.ejml.data.DMatrixRMaj[] in, org.ejml.data.DMatrixRMaj out) {
                new org.chainrule.graph.ops.Softmax(Axis.EACH_ROW).forward(in, out);
            }

            @Override
            public void vjp(int input, org.ejml.data.DMatrixRMaj[] in, org.ejml.data.DMatrixRMaj s,
                            org.ejml.data.DMatrixRMaj g, org.ejml.data.DMatrixRMaj gradient) {
                for (int i = 0; i < s.getNumElements(); i++) {
                    gradient.data[i] = s.data[i] * g.data[i];
                }
            }
        };
        Tensor a = Tensor.of(new double[][] {{0.3, -0.2, 0.7}, {1.1, 0.4, -0.6}});
        GradientCheckResult full = CHECK.check((g, x) -> g.apply(broken, x[0]), a);
        assertFalse(full.passed());
        assertTrue(full.report().contains("dy[0, 0]/dx0[0, 0]") || full.report().contains("dy[0, 1]/dx0[0, 0]"),
                full.report());
        assertFalse(CHECK.withFastMode(3).check((g, x) -> g.apply(broken, x[0]), a).passed());
        assertEquals("faulty operation", full.localisation().orElseThrow().report().substring(0, 16));
    }
}
