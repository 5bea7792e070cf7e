/**
 * Reusable QuickTheories generators and settings for property tests, published as the
 * {@code chainrule-graph} test-jar (Maven type {@code test-jar}) so that other modules and
 * users can check their own code with them.
 *
 * <ul>
 *   <li>{@link org.chainrule.graph.testing.Theories}: {@code qt(examples)}, a QuickTheories
 *       runner with the fixed seed of the {@code chainrule.seed} system property, whose
 *       failures end with the command that reruns them.</li>
 *   <li>{@link org.chainrule.graph.testing.Generators}: shapes 1..8 (including {@code 1x1},
 *       {@code 1xn}, {@code nx1}), matrices with entries in {@code [-3, 3]}, compatible
 *       matrix-product pairs, broadcast pairs in every layout, random DAG programs, and the
 *       examples of any listed {@code OperationCase} ({@code Generators.examples(case)}),
 *       drawn from QuickTheories' source so that they shrink.</li>
 *   <li>{@link org.chainrule.graph.testing.OperationContract}: asserts the buffer rules of
 *       the operation contract (forward and vjp write every element of a stale buffer; a vjp
 *       told to add adds what it would write) for every operation an example records.</li>
 *   <li>{@link org.chainrule.graph.testing.DagProgram}: a random DAG of graph operations as
 *       plain, printable data, in which nodes feed several later nodes.</li>
 * </ul>
 */
package org.chainrule.graph.testing;
