package org.chainrule.core;

/**
 * Text read from a file, quoted for an error message so that the message stays one readable
 * line whatever the file holds: in single quotes, a newline, return or tab written as
 * {@code \n}, {@code \r}, {@code \t}, other control characters and line separators as
 * Unicode escapes, and cut after
 * {@value #LONGEST} characters with the length said.
 */
public final class Quote {
    /** The most characters of a text a message shows. */
    public static final int LONGEST = 80;

    private Quote() {
    }

    /**
     * The text in quotes, escaped and shortened.
     *
     * @param text the text, or null.
     * @return e.g. {@code 'layer1.weight'}, {@code 'a\nb'}, or {@code 'xxxx...' (100000 characters)}.
     */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("'");
        int shown = Math.min(text.length(), LONGEST);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append(text.length() > shown ? "...' (" + text.length() + " characters)" : "'");
        return out.toString();
    }
}
