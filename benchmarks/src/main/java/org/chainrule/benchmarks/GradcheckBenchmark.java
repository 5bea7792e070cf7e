package org.chainrule.benchmarks;

import java.util.concurrent.TimeUnit;
import org.chainrule.graph.check.GradientCheck;
import org.chainrule.graph.check.GradientCheckResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Warm gradient checks of the {@link GradcheckProblem reference problem} (499 elements, PyTorch's
 * defaults), against {@code torch.autograd.gradcheck} in {@code examples/bench/torch_gradcheck.py}:
 * the full check (every element: 998 evaluations and two recordings) and fast mode (one
 * random direction). {@link #fullRecordingEachEvaluation} is the same full check recording the
 * function afresh for every evaluation, as the checker did before it replayed recordings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GradcheckBenchmark {
    private GradcheckProblem problem;

    /** Draws the problem. */
    @Setup
    public void draw() {
        problem = GradcheckProblem.of(1);
    }

    /**
     * The full check.
     *
     * @return the result, so the work is not optimised away.
     */
    @Benchmark
    public GradientCheckResult full() {
        return GradientCheck.defaults().check(problem.loss(), problem.parameters());
    }

    /**
     * Fast mode.
     *
     * @return the result.
     */
    @Benchmark
    public GradientCheckResult fast() {
        return GradientCheck.defaults().withFastMode(1).check(problem.loss(), problem.parameters());
    }

    /**
     * The full check, recording the function afresh for every evaluation.
     *
     * @return the result.
     */
    @Benchmark
    public GradientCheckResult fullRecordingEachEvaluation() {
        return GradientCheck.defaults().withRecordingEachEvaluation().check(problem.loss(), problem.parameters());
    }
}
