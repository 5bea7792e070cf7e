package org.chainrule.nn.interop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small part of JSON (RFC 8259) that a safetensors header needs, read and written by
 * hand so that Chainrule needs no JSON library. {@link #parse} reads the whole grammar —
 * objects (duplicate keys refused), arrays, strings with every escape, numbers,
 * {@code true}, {@code false}, {@code null} — into {@code Map<String, Object>} (insertion
 * order), {@code List<Object>}, {@code String}, {@code Long} (integers that fit),
 * {@code Double} (other numbers), {@code Boolean} and {@link #NULL}. Nesting is limited to
 * {@value #MAX_DEPTH} levels, so a hostile header cannot overflow the stack.
 */
final class Json {
    /** JSON's {@code null}, distinct from Java's so that a map lookup can tell it from a missing key. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final int MAX_DEPTH = 32;

    private final String text;
    private int at;

    private Json(String text) {
        this.text = text;
    }

    /**
     * Parses one JSON value that fills {@code text} (whitespace aside).
     *
     * @param text the JSON text.
     * @return the value.
     * @throws IllegalArgumentException saying what is wrong and at which character.
     */
    static Object parse(String text) {
        Json json = new Json(text);
        json.skipWhitespace();
        Object value = json.value(0);
        json.skipWhitespace();
        if (json.at != text.length()) {
            throw json.error("unexpected text after the end of the JSON value");
        }
        return value;
    }

    /**
     * A JSON string literal: {@code s} in double quotes, with quotes, backslashes and control
     * characters escaped.
     *
     * @param s the string.
     * @return the literal.
     */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " levels deep");
        }
        if (at >= text.length()) {
            throw error("the text ends where a value should start");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> members = new LinkedHashMap<>();
        at++;
        skipWhitespace();
        if (peek('}')) {
            at++;
            return Collections.unmodifiableMap(members);
        }
        while (true) {
            skipWhitespace();
            if (!peek('"')) {
                throw error("expected a string key in double quotes");
            }
            int keyAt = at;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (members.put(key, value(depth + 1)) != null) {
                at = keyAt;
                throw error("the key " + quote(key) + " appears twice in one object");
            }
            skipWhitespace();
            if (peek(',')) {
                at++;
            } else {
                expect('}');
                return Collections.unmodifiableMap(members);
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> items = new ArrayList<>();
        at++;
        skipWhitespace();
        if (peek(']')) {
            at++;
            return Collections.unmodifiableList(items);
        }
        while (true) {
            skipWhitespace();
            items.add(value(depth + 1));
            skipWhitespace();
            if (peek(',')) {
                at++;
            } else {
                expect(']');
                return Collections.unmodifiableList(items);
            }
        }
    }

    private String string() {
        at++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("a string is not closed");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("a raw control character (code " + (int) c + ") inside a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw error("a string ends in a lone backslash");
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(hex4());
                default -> throw error("unknown escape \\" + e);
            }
        }
    }

    private char hex4() {
        if (at + 4 > text.length()) {
            throw error("\\u needs four hex digits");
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(at++), 16);
            if (digit < 0) {
                throw error("\\u needs four hex digits");
            }
            code = code * 16 + digit;
        }
        return (char) code;
    }

    private Object number() {
        int start = at;
        if (peek('-')) {
            at++;
        }
        if (peek('0')) {
            at++;
        } else if (!digits()) {
            throw error("a number needs digits");
        }
        boolean integer = true;
        if (peek('.')) {
            at++;
            integer = false;
            if (!digits()) {
                throw error("a number needs digits after its decimal point");
            }
        }
        if (peek('e') || peek('E')) {
            at++;
            integer = false;
            if (peek('+') || peek('-')) {
                at++;
            }
            if (!digits()) {
                throw error("a number needs digits in its exponent");
            }
        }
        String literal = text.substring(start, at);
        if (integer) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException tooBig) {
                // falls through: an integer beyond 64 bits is kept as a double
            }
        }
        return Double.parseDouble(literal);
    }

    private boolean digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at > start;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw error("unexpected word; expected " + word);
        }
        at += word.length();
        return value;
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private void skipWhitespace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at character " + at);
    }
}
