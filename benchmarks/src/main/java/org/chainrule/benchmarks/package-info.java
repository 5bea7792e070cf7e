/**
 * JMH benchmarks: Chainrule's training step against the same step written by hand on EJML
 * (the "no framework" floor, {@link org.chainrule.benchmarks.HandWrittenMlp}), the
 * backward pass over a long scalar chain, kernels, what a graph's anomaly detection costs
 * ({@link org.chainrule.benchmarks.AnomalyDetectionBenchmark}), and the gradient checker on its
 * reference problem, warm ({@link org.chainrule.benchmarks.GradcheckBenchmark}) and in a fresh
 * JVM ({@link org.chainrule.benchmarks.GradcheckColdBenchmark}). They live in their own module so
 * that the command-line jar does not carry JMH. Run them from {@code benchmarks/target/benchmarks.jar}
 * ({@code java -jar benchmarks/target/benchmarks.jar REGEX}); {@code examples/bench/compare.sh} runs
 * them beside the PyTorch peer and prints the ratios that BENCHMARKS.md reports.
 */
package org.chainrule.benchmarks;
