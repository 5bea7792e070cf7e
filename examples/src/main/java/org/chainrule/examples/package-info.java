/**
 * The {@code chainrule} command-line application: {@link org.chainrule.examples.Main}, the
 * root command (help, version, exit statuses), and one class per subcommand, such as
 * {@link org.chainrule.examples.DemoCommand} and {@link org.chainrule.examples.WalkthroughCommand}.
 * The lessons the walkthrough runs live in {@code org.chainrule.examples.walkthrough}. Progress display lives in
 * {@code org.chainrule.examples.progress}, pictures in {@code org.chainrule.examples.plot}.
 */
package org.chainrule.examples;
