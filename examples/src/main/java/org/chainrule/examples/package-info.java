/**
 * The {@code chainrule} command-line application: {@link org.chainrule.examples.Main}, the
 * root command (help, version, exit statuses), and one class per subcommand:
 * {@link org.chainrule.examples.DemoCommand} (a residual network gradient-checked and trained
 * on two spirals), {@link org.chainrule.examples.TrainCommand} (a network from flags on
 * playground, CSV or MNIST IDX data), {@link org.chainrule.examples.WalkthroughCommand} (the
 * notes' worked examples as chain-rule lessons, from {@code org.chainrule.examples.walkthrough})
 * and {@link org.chainrule.examples.GradcheckCommand} (every built-in operation against finite
 * differences). Progress display lives in
 * {@code org.chainrule.examples.progress}, pictures in {@code org.chainrule.examples.plot}.
 */
package org.chainrule.examples;
