package org.chainrule.examples.walkthrough;

import org.chainrule.core.ChainruleException;

/** Thrown for a lesson name or number the {@link Walkthrough} does not have; the message lists the valid ones. */
public final class UnknownLessonException extends ChainruleException {
    private static final long serialVersionUID = 1L;

    /**
     * An unknown lesson.
     *
     * @param message what was asked for and the valid names.
     */
    public UnknownLessonException(String message) {
        super(message);
    }
}
