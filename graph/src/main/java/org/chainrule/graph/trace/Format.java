package org.chainrule.graph.trace;

/** How a trace, a path sum or a lesson is rendered. */
public enum Format {
    /** Plain text for a terminal: aligned lines, no markup. */
    TEXT,
    /** Markdown for course notes: headings, tables and code spans. */
    MARKDOWN
}
