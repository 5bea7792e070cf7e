/**
 * JMH benchmarks: Chainrule's training step against the same step written by hand on EJML
 * (the "no framework" floor, {@link org.chainrule.examples.bench.HandWrittenMlp}), the
 * backward pass over a long scalar chain, what a graph's anomaly detection costs
 * ({@link org.chainrule.examples.bench.AnomalyDetectionBenchmark}), and the gradient checker on
 * its reference problem, warm ({@link org.chainrule.examples.bench.GradcheckBenchmark}) and in a
 * fresh JVM ({@link org.chainrule.examples.bench.GradcheckColdBenchmark}). Run them with {@code ./chainrule bench}; see
 * BENCHMARKS.md for the command that compares them with PyTorch.
 */
package org.chainrule.examples.bench;
