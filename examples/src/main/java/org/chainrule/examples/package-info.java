/**
 * The {@code chainrule} command-line application: the demo a new user runs first.
 */
package org.chainrule.examples;
