package org.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Activation;
import org.chainrule.nn.Mlp;
import org.chainrule.nn.Sequential;
import org.junit.jupiter.api.Test;

/** Each optimizer's update against steps computed by hand. */
class OptimizersTest {

    /** Sets {@code p}'s gradient to {@code c} by differentiating {@code sum(c * p)}. */
    private static void gradient(Parameter p, double... c) {
        p.zeroGradient();
        Graph g = new Graph();
        g.backward(g.parameter(p).mul(g.constant(Tensor.row(c))).sum());
    }

    @Test
    void sgdIsTheNotesUpdate() {
        Parameter p = new Parameter("p", Tensor.row(1, -2));
        Sgd sgd = new Sgd(List.of(p), 0.1);
        gradient(p, 0.5, 1);
        sgd.step();
        // p = p - 0.1 * [0.5, 1]
        assertEquals(Tensor.row(1 - 0.1 * 0.5, -2 - 0.1 * 1), p.value());
        sgd.step();
        assertEquals(Tensor.row(1 - 0.1 * 0.5 - 0.1 * 0.5, -2 - 0.1 - 0.1), p.value(), "step leaves the gradient as it was");
        sgd.zeroGradients();
        assertEquals(Tensor.zeros(1, 2), p.gradient());
    }

    @Test
    void momentumAccumulatesVelocityAndResetForgetsIt() {
        Parameter p = new Parameter("p", Tensor.row(1));
        Momentum momentum = new Momentum(List.of(p), 0.1, 0.9);
        gradient(p, 0.5);
        momentum.step();
        assertEquals(0.95, p.value().item(), 1e-15); // v = 0.5
        momentum.step();
        assertEquals(0.855, p.value().item(), 1e-15); // v = 0.9 * 0.5 + 0.5 = 0.95
        momentum.reset();
        momentum.step();
        assertEquals(0.805, p.value().item(), 1e-15); // v = 0.5 again
        assertEquals(0.9, momentum.momentum());
    }

    @Test
    void adamTakesBiasCorrectedSteps() {
        Parameter p = new Parameter("p", Tensor.row(1));
        Adam adam = new Adam(List.of(p), 0.01);
        gradient(p, 0.5);
        adam.step();
        // Step 1: mhat = g and vhat = g^2, so the step is alpha * g / (|g| + eps).
        assertEquals(1 - 0.01 * 0.5 / (0.5 + 1e-8), p.value().item(), 1e-15);
        gradient(p, -0.25);
        adam.step();
        // m = 0.02, v = 0.00031225; mhat = 0.02 / 0.19, vhat = 0.00031225 / 0.001999.
        assertEquals(0.9873366298707846, p.value().item(), 1e-15);
        assertEquals(2, adam.steps());
        adam.reset();
        assertEquals(0, adam.steps());
        double before = p.value().item();
        adam.step();
        assertEquals(before + 0.01 * 0.25 / (0.25 + 1e-8), p.value().item(), 1e-15, "fresh moments after reset: g = -0.25");
    }

    @Test
    void learningRateMustBePositiveAndFinite() {
        Parameter p = new Parameter("p", Tensor.row(1));
        for (double bad : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            ChainruleException e = assertThrows(ChainruleException.class, () -> new Sgd(List.of(p), bad));
            assertEquals("SGD: learning rate must be a positive finite number, got " + bad, e.getMessage());
            assertThrows(ChainruleException.class, () -> new Momentum(List.of(p), bad, 0.9));
            assertThrows(ChainruleException.class, () -> new Adam(List.of(p), bad));
        }
        Adam adam = new Adam(List.of(p), 0.1);
        assertThrows(ChainruleException.class, () -> adam.setLearningRate(-1));
        assertEquals(0.1, adam.learningRate());
        adam.setLearningRate(0.5);
        assertEquals(0.5, adam.learningRate());
    }

    @Test
    void coefficientsAndDuplicatesAreChecked() {
        Parameter p = new Parameter("p", Tensor.row(1));
        assertThrows(ChainruleException.class, () -> new Momentum(List.of(p), 0.1, 1));
        assertThrows(ChainruleException.class, () -> new Adam(List.of(p), 0.1, 0.9, -0.1, 1e-8));
        assertThrows(ChainruleException.class, () -> new Adam(List.of(p), 0.1, 0.9, 0.999, 0));
        ChainruleException e = assertThrows(ChainruleException.class, () -> new Sgd(List.of(p, p), 0.1));
        assertTrue(e.getMessage().startsWith("SGD: parameter 'p' is listed twice"), e.getMessage());
    }

    /**
     * Steps update in place with preallocated state: after warming up, thousands of steps
     * allocate (almost) nothing on this thread. Measured in bytes allocated, not time.
     */
    @Test
    void stepsDoNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean threads) || !threads.isThreadAllocatedMemorySupported()) {
            return;
        }
        Sequential net = Mlp.builder(2).hidden(6, Activation.TANH).hidden(6, Activation.TANH)
                .output(1, Activation.SIGMOID).build();
        for (Optimizer optimizer : new Optimizer[] {new Sgd(net.parameters(), 1e-9),
            new Momentum(net.parameters(), 1e-9, 0.9), new Adam(net.parameters(), 1e-9)}) {
            for (int i = 0; i < 20_000; i++) {
                optimizer.zeroGradients();
                optimizer.step();
            }
            long id = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(id);
            int steps = 10_000;
            for (int i = 0; i < steps; i++) {
                optimizer.zeroGradients();
                optimizer.step();
            }
            long allocated = threads.getThreadAllocatedBytes(id) - before;
            assertTrue(allocated < steps, optimizer + " allocated " + allocated + " bytes in " + steps + " steps");
        }
    }
}
