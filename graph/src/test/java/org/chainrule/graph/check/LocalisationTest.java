package org.chainrule.graph.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.NamedOperation;
import org.chainrule.graph.Operation;
import org.chainrule.graph.PlantedOperations;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** What a failing check says about where the bug is. */
class LocalisationTest {
    private static final GradientCheck CHECK = GradientCheck.defaults();

    /**
     * {@code y = x^2}, whose VJP is right on its own but reads the input it keeps from the
     * latest forward call: recorded twice, the first node's VJP uses the second node's input.
     */
    private static Operation squareThatCachesItsInput() {
        return new NamedOperation("cached square", 1) {
            private DMatrixRMaj cached;

            @Override
            public Shape outputShape(List<Shape> in) {
                return in.get(0);
            }

            @Override
            public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
                cached = in[0].copy();
                for (int i = 0; i < y.getNumElements(); i++) {
                    y.data[i] = in[0].data[i] * in[0].data[i];
                }
            }

            @Override
            public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj g, DMatrixRMaj gradient) {
                for (int i = 0; i < g.getNumElements(); i++) {
                    gradient.data[i] = 2 * cached.data[i] * g.data[i];   // the bug: state kept between calls
                }
            }
        };
    }

    private static final Operation TRIPLE_THAT_SKIPS_AN_ELEMENT = PlantedOperations.tripleThatSkipsItsLastElement();

    @Test
    void aCorrectCheckHasNoLocalisation() {
        assertTrue(CHECK.check((g, x) -> x[0].tanh().sum(), Tensor.row(1, 2)).localisation().isEmpty());
    }

    @Test
    void whenEveryOperationPassesOnItsOwnTheNodeWhereContributionsAreCombinedWronglyIsNamed() {
        Operation cached = squareThatCachesItsInput();
        GradientCheckResult result = CHECK.check((g, x) -> {
            var a = x[0].tanh().setName("a");
            var b = g.apply(cached, a).setName("b");
            var c = g.apply(cached, a.sigmoid().setName("c")).setName("d");
            return b.add(c).sum().setName("loss");
        }, Tensor.row(0.5, -1, 2));
        assertFalse(result.passed());
        Localisation where = result.localisation().orElseThrow();
        assertEquals(Localisation.Verdict.COMBINATION, where.verdict(), where.report());
        assertEquals("'a' (1x3)", where.node().orElseThrow());
        assertEquals(List.of("'a'", "'b'", "#5 add", "'loss'"), where.chain());
        assertTrue(where.report().contains("every operation passes on its own (6 checked)"), where.report());
        assertTrue(where.report().contains("the sum over its consumers 'c', 'b'"), where.report());
        assertTrue(where.faultyOperation().isEmpty());
    }

    @Test
    void aVjpThatLeavesOneElementOfItsBufferUnwrittenIsTheFaultyOperation() {
        GradientCheckResult result = CHECK.check((g, x) -> g.apply(TRIPLE_THAT_SKIPS_AN_ELEMENT, x[0].tanh())
                .setName("t").sigmoid().sum(), Tensor.row(0.5, -1, 2));
        assertFalse(result.passed(), result.report());
        Localisation where = result.localisation().orElseThrow();
        assertEquals(Localisation.Verdict.OPERATION, where.verdict(), where.report());
        OperationFault fault = where.faultyOperation().orElseThrow();
        assertEquals("triple", fault.operation());
        assertEquals(1, fault.failures(), where.report());
        assertEquals(2, fault.worst().col(), "the last element");
        assertTrue(fault.toString().contains("the VJP was handed a buffer of NaN: it left this element unwritten or"
                + " read the buffer"), fault.toString());
    }

    @Test
    void anOperationFailingOnlyAtADeclaredKinkIsNotBlamed() {
        // relu whose derivative at its kink 0 is 5: outside the one-sided differences 0 and 1.
        Operation relu = new ElementwiseOperation("relu with slope 5 at 0", "",
                (x, y) -> {
                    for (int i = 0; i < y.getNumElements(); i++) {
                        y.data[i] = Math.max(0, x.data[i]);
                    }
                }, (x, y, dy, dx) -> {
                    for (int i = 0; i < dx.getNumElements(); i++) {
                        double slope = x.data[i] > 0 ? 1 : x.data[i] == 0 ? 5 : 0;
                        dx.data[i] = slope * dy.data[i];
                    }
                }) {
            @Override
            public double distanceToKink(int input, org.ejml.data.DMatrixRMaj[] inputs, int element) {
                return Math.abs(inputs[0].data[element]);
            }
        };
        GradientCheckResult result = CHECK.check((g, x) -> g.apply(relu, x[0]).sum(), Tensor.row(0, 1));
        assertFalse(result.passed(), "the whole function's kink rejects 5");
        Localisation where = result.localisation().orElseThrow();
        assertEquals(Localisation.Verdict.NOT_FOUND, where.verdict(), where.report());
        assertEquals(List.of("#1 relu with slope 5 at 0"), where.excusedAtKinks());
        assertTrue(where.report().contains("not blamed, failing only at a declared kink: #1 relu with slope 5 at 0"));
        // Away from the kink the same derivative is wrong nowhere: nothing to localise.
        assertTrue(CHECK.check((g, x) -> g.apply(relu, x[0]).sum(), Tensor.row(0.5, 1)).passed());
    }

    @Test
    void theFailureReportGivesVerdictFaultWorstElementsAndSeedInThatOrder() {
        Operation wrongTanh = ElementwiseOperation.of("tanh with 1 + t^2", Math::tanh, (x, t) -> 1 + t * t);
        GradientCheckResult result = CHECK.withSeed(7)
                .check((g, x) -> g.apply(wrongTanh, x[0].matmul(x[1])).sigmoid().sum(), Tensor.row(0.5, -1),
                        Tensor.column(0.3, 0.8));
        String report = result.report();
        int verdict = report.indexOf("gradient check FAILED");
        int fault = report.indexOf("faulty operation: #3 tanh with 1 + t^2 (tanh with 1 + t^2): the VJP for input 0 of 1"
                + " (1x1 -> 1x1) is wrong at 1 of 1 element");
        int chain = report.indexOf("chain to the output: #3 tanh with 1 + t^2 -> #4 sigmoid -> #5 sum");
        int worst = report.indexOf("worst elements (4 failed):");
        int seed = report.indexOf("seed to reproduce: 7");
        int details = report.indexOf("f(x) = ");
        assertTrue(verdict == 0 && verdict < fault && fault < chain && chain < worst && worst < seed && seed < details,
                report);
        try {
            result.assertPassed();
        } catch (AssertionError e) {
            assertEquals(report, e.getMessage());
        }
    }

    @Test
    void anOperationThatThrowsDuringTheSearchLeavesTheVerdictStanding() {
        // Wrong derivative, and a forward rule that refuses to run a second time on other buffers.
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Operation fragile = new ElementwiseOperation("fragile", "", (x, y) -> {
            if (calls.incrementAndGet() > 4) {   // two recordings and two shifted points, then the search
                throw new IllegalStateException("fragile forward called again");
            }
            System.arraycopy(x.data, 0, y.data, 0, x.getNumElements());
        }, (x, y, dy, dx) -> {
            for (int i = 0; i < dx.getNumElements(); i++) {
                dx.data[i] = 2 * dy.data[i];
            }
        }) { };
        GradientCheckResult result = CHECK.withRecordingEachEvaluation().check((g, x) -> g.apply(fragile, x[0]).sum(),
                Tensor.scalar(1));
        assertFalse(result.passed());
        assertTrue(result.report().contains("faulty operation: unknown; the search stopped at"
                + " java.lang.IllegalStateException: fragile forward called again"), result.report());
    }

    @Test
    void aNonScalarFunctionIsLocalisedToo() {
        Operation wrongSquare = ElementwiseOperation.of("square with x", x -> x * x, (x, y) -> x);
        GradientCheckResult result = CHECK.check((g, x) -> g.apply(wrongSquare, x[0].tanh()).matmul(x[1]),
                Tensor.of(new double[][] {{0.5, -1}, {0.2, 0.9}}), Tensor.of(new double[][] {{1, 2, 3}, {0.5, -1, 2}}));
        assertFalse(result.passed());
        assertEquals("#3 square with x", result.localisation().orElseThrow().node().orElseThrow(), result.report());
    }
}
