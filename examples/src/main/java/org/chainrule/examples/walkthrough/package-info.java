/**
 * The chain-rule walkthrough: every worked example of the lecture notes rebuilt with
 * Chainrule, one lesson each, with its backward trace and its numbers beside the notes'
 * (errata flagged). {@link org.chainrule.examples.walkthrough.Walkthrough} lists and runs the
 * lessons; the command {@code chainrule walkthrough} prints them.
 */
package org.chainrule.examples.walkthrough;
