package org.chainrule.benchmarks;

import java.util.concurrent.TimeUnit;
import org.chainrule.graph.check.GradientCheck;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first ten full gradient checks in a fresh JVM, as a property test meets them: ten
 * distinct {@link GradcheckProblem reference problems} (seeds 1 to 10), checked one after
 * the other, nothing shared between them but the JVM. Single-shot, a fresh fork per
 * measurement with the JVM's default flags (no options, no class-data archive of our own);
 * JVM start-up and the drawing of the problems are not timed, as {@code import torch} is not
 * in {@code examples/bench/torch_gradcheck.py}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 10, jvmArgs = {})
public class GradcheckColdBenchmark {
    /** Checks per measurement. */
    static final int CHECKS = 10;
    private GradcheckProblem[] problems;

    /** Draws the ten problems. */
    @Setup
    public void draw() {
        problems = new GradcheckProblem[CHECKS];
        for (int i = 0; i < CHECKS; i++) {
            problems[i] = GradcheckProblem.of(i + 1);
        }
    }

    /**
     * Ten full checks.
     *
     * @return how many passed, so the work is not optimised away.
     */
    @Benchmark
    public int firstTenChecks() {
        int passed = 0;
        for (GradcheckProblem problem : problems) {
            passed += GradientCheck.defaults().check(problem.loss(), problem.parameters()).passed() ? 1 : 0;
        }
        return passed;
    }
}
