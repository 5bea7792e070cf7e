package org.chainrule.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.chainrule.core.Tensor;
import org.chainrule.nn.data.Dataset;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Taking one mini-batch out of a data set, as {@code Trainer.fit} does before every step
 * ({@link Dataset#subset(int[])}), against the same rows copied by hand into a new matrix:
 * what the data set's checks and its targets cost per step, outside {@link TrainingStepBenchmark}.
 *
 * <ul>
 *   <li>{@code mnist}: 128 rows of 784 features, class targets, from 10,000 examples.</li>
 *   <li>{@code tiny}: 10 rows of 2 features, class targets, from 500 examples.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BatchBenchmark {
    /** Which data. */
    @Param({"mnist", "tiny"})
    public String data;

    private Dataset dataset;
    private DMatrixRMaj features;
    private int[] rows;

    /** Makes the data set and one batch's rows, at random. */
    @Setup
    public void setUp() {
        boolean mnist = data.equals("mnist");
        int examples = mnist ? 10_000 : 500;
        int columns = mnist ? 784 : 2;
        Random random = new Random(1);
        features = new DMatrixRMaj(examples, columns);
        int[] labels = new int[examples];
        for (int i = 0; i < features.data.length; i++) {
            features.data[i] = random.nextDouble();
        }
        for (int i = 0; i < examples; i++) {
            labels[i] = random.nextInt(mnist ? 10 : 2);
        }
        dataset = new Dataset(Tensor.copyOf(features), labels, mnist ? 10 : 2);
        rows = new int[mnist ? 128 : 10];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = random.nextInt(examples);
        }
    }

    /**
     * A batch through the data set.
     *
     * @return the batch.
     */
    @Benchmark
    public Dataset chainrule() {
        return dataset.subset(rows);
    }

    /**
     * The batch's feature rows copied by hand into a new matrix: the floor.
     *
     * @return the rows.
     */
    @Benchmark
    public DMatrixRMaj handWritten() {
        int n = features.numCols;
        DMatrixRMaj out = new DMatrixRMaj(rows.length, n);
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(features.data, rows[i] * n, out.data, i * n, n);
        }
        return out;
    }
}
