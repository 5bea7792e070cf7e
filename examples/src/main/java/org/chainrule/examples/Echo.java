package org.chainrule.examples;

/**
 * Shortens what an error message echoes back from the user's input, so that one bad value
 * gives one readable line however long it was: every word longer than {@value #LONGEST_WORD}
 * characters keeps its first {@value #KEPT} and says how long it was, and the whole message
 * keeps its first {@value #LONGEST_MESSAGE} characters.
 */
final class Echo {
    /** A word longer than this is shortened. */
    static final int LONGEST_WORD = 80;
    /** How much of a shortened word is kept. */
    static final int KEPT = 40;
    /** A message longer than this is cut. */
    static final int LONGEST_MESSAGE = 4000;

    private Echo() {
    }

    /**
     * The message with long words and its tail shortened; a short message is returned as it is.
     *
     * @param message the message, or null.
     * @return the shortened message ({@code "null"} for null).
     */
    static String shortened(String message) {
        if (message == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < message.length() && out.length() <= LONGEST_MESSAGE) {
            int end = i;
            while (end < message.length() && !Character.isWhitespace(message.charAt(end))) {
                end++;
            }
            if (end - i > LONGEST_WORD) {
                out.append(message, i, i + KEPT).append("...(").append(end - i).append(" characters)");
            } else {
                out.append(message, i, end);
            }
            if (end < message.length()) {
                out.append(message.charAt(end));
            }
            i = end + 1;
        }
        if (i < message.length() || out.length() > LONGEST_MESSAGE) {
            out.setLength(Math.min(out.length(), LONGEST_MESSAGE));
            out.append("... (message cut at ").append(LONGEST_MESSAGE).append(" characters)");
        }
        return out.toString();
    }
}
