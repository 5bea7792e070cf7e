/**
 * Gradient checking: compares the gradients {@link org.chainrule.graph.Graph#backward} computes
 * with central finite differences {@code (f(x + h) - f(x - h)) / 2h}, for built-in operations,
 * user-defined {@link org.chainrule.graph.Operation}s and whole networks.
 *
 * <p>{@link org.chainrule.graph.check.GradientCheck} holds the settings (step, tolerances and
 * seed, PyTorch's double-precision defaults) and runs a check: of a
 * {@link org.chainrule.graph.check.GraphFunction}, which records the function to check (any
 * output shape: its whole Jacobian is checked), or of one operation directly
 * ({@code checkOperation}). The outcome is an immutable
 * {@link org.chainrule.graph.check.GradientCheckResult} that can be inspected or asserted:
 * {@code assertPassed()} throws {@link AssertionError} with a readable report, so a check works
 * in JUnit, in a property-testing library or in a plain {@code main}. A failed check of a graph
 * carries a {@link org.chainrule.graph.check.Localisation}: the faulty operation
 * ({@link org.chainrule.graph.check.OperationFault}), or the node where gradients were combined
 * wrongly.
 *
 * <p>Each module lists its operations once as {@link org.chainrule.graph.check.OperationCase}s
 * (the operation, and how to draw inputs that fit it, away from its kinks); an
 * {@link org.chainrule.graph.check.OperationExample} is one drawn example, read out through
 * random weights as a scalar function to check; a {@link org.chainrule.graph.check.Draw} is
 * where the random shapes and values come from ({@code java.util.Random}, or a property-testing
 * library's shrinking source).
 *
 * <p>Typical use:
 * <pre>{@code
 * GradientCheck.defaults().assertGradients((graph, x) -> x[0].matmul(x[1]).tanh().sum(), a, b);
 * }</pre>
 */
package org.chainrule.graph.check;
