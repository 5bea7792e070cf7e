package org.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Activation;
import org.chainrule.nn.Mlp;
import org.chainrule.nn.Seeds;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.data.Playground;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.optim.Adam;
import org.chainrule.nn.optim.Momentum;
import org.junit.jupiter.api.Test;

/**
 * The thread-safety contract's promise: a graph (and its model) is used by one thread at a
 * time, and separate models share nothing, so two models trained on two threads at once end
 * bit-for-bit where the same two end when trained one after the other.
 */
class ConcurrentTrainingTest {

    /** What a training run leaves behind: every epoch's readout and the final parameters. */
    private record Outcome(TrainingHistory history, List<Tensor> parameters) {
    }

    private static Outcome spirals() {
        Dataset.Split data = Playground.generate(Playground.Kind.SPIRAL, 200, 0.1, Seeds.SEED).split(0.5, 1);
        Sequential net = Mlp.builder(2).hidden(12, Activation.TANH).hidden(12, Activation.TANH)
                .output(1, Activation.IDENTITY).seed(2).build();
        Trainer trainer = Trainer.builder(net, Losses.SIGMOID_CROSS_ENTROPY, new Adam(net.parameters(), 0.01))
                .epochs(40).batchSize(10).seed(3).build();
        return new Outcome(trainer.fit(data.train(), data.test()), values(net));
    }

    private static Outcome xor() {
        Dataset.Split data = Playground.generate(Playground.Kind.XOR, 200, 0.1, Seeds.SEED + 1).split(0.5, 4);
        Sequential net = Mlp.builder(2).hidden(8, Activation.RELU).output(2, Activation.IDENTITY).seed(5).build();
        Trainer trainer = Trainer.builder(net, Losses.SOFTMAX_CROSS_ENTROPY, new Momentum(net.parameters(), 0.05, 0.9))
                .epochs(40).batchSize(10).seed(6).build();
        return new Outcome(trainer.fit(data.train(), data.test()), values(net));
    }

    /** Bit-identical parameters first (the shorter message), then identical readouts every epoch. */
    private static void assertSame(Outcome alone, Outcome beside, String model) {
        assertEquals(alone.parameters(), beside.parameters(),
                Seeds.seeded(model + " model trained beside another: final parameters"));
        assertEquals(alone.history(), beside.history(), Seeds.seeded(model + " model trained beside another: history"));
    }

    private static List<Tensor> values(Sequential net) {
        List<Tensor> values = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            values.add(p.value());
        }
        return values;
    }

    @Test
    void twoModelsTrainedAtOnceOnTwoThreadsEndBitIdenticalToTrainingThemOneAfterTheOther()
            throws InterruptedException, ExecutionException {
        Outcome spiralsAlone = spirals();
        Outcome xorAlone = xor();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            List<Supplier<Outcome>> runs = List.of(ConcurrentTrainingTest::spirals, ConcurrentTrainingTest::xor);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Supplier<Outcome> run : runs) {
                futures.add(pool.submit(() -> {
                    start.await(); // both threads begin training together
                    return run.get();
                }));
            }
            assertSame(spiralsAlone, futures.get(0).get(), "spirals");
            assertSame(xorAlone, futures.get(1).get(), "xor");
        } finally {
            pool.shutdownNow();
        }
    }
}
