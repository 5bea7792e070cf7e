/**
 * JMH benchmarks: Chainrule's training step against the same step written by hand on EJML
 * (the "no framework" floor, {@link org.chainrule.examples.bench.HandWrittenMlp}), and the
 * backward pass over a long scalar chain. Run them with {@code ./chainrule bench}; see
 * BENCHMARKS.md for the command that compares them with PyTorch.
 */
package org.chainrule.examples.bench;
