/**
 * For tests of code built on Chainrule: QuickTheories generators and settings for property
 * tests, the operation contract's buffer rules, and JUnit 5 assertions for gradients and
 * tensors. Published as {@code org.chainrule:chainrule-testing}, which users depend on in test
 * scope; it brings QuickTheories and the JUnit 5 API with it. Chainrule's own property suites
 * use it too.
 *
 * <ul>
 *   <li>{@link org.chainrule.testing.Theories}: {@code qt(examples)}, a QuickTheories
 *       runner with the fixed seed of the {@code chainrule.seed} system property, whose
 *       failures end with the command that reruns them.</li>
 *   <li>{@link org.chainrule.testing.Generators}: shapes 1..8 (including {@code 1x1},
 *       {@code 1xn}, {@code nx1}), matrices with entries in {@code [-3, 3]}, compatible
 *       matrix-product pairs, broadcast pairs in every layout, random DAG programs, and the
 *       examples of any listed {@code OperationCase} ({@code Generators.examples(case)}),
 *       drawn from QuickTheories' source so that they shrink.</li>
 *   <li>{@link org.chainrule.testing.OperationContract}: asserts the buffer rules of
 *       the operation contract (forward and vjp write every element of a stale buffer, and a
 *       vjp reads none of it) for every operation an example records.</li>
 *   <li>{@link org.chainrule.testing.GradientAssertions}: {@code assertGradients(function,
 *       inputs...)} and {@code assertOperationPasses(case)}, failing with the checker's report;
 *       {@link org.chainrule.testing.TensorAssertions}: tensors equal to a tolerance.</li>
 *   <li>{@link org.chainrule.testing.DagProgram}: a random DAG of graph operations as
 *       plain, printable data, in which nodes feed several later nodes.</li>
 *   <li>{@link org.chainrule.testing.FileMutations}: for fuzzing a file reader, seeded
 *       {@link org.chainrule.testing.Mutation}s of valid {@link org.chainrule.testing.SampleFile}s
 *       (bytes or bits flipped, cut short, extended, spliced from another place or another
 *       sample, a length-like field overwritten with an extreme value), each printing what
 *       was done and its seed.</li>
 * </ul>
 */
package org.chainrule.testing;
