package org.chainrule.graph.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer for the pages' data: objects keep their keys in order, values are
 * strings, numbers, booleans, or nested arrays and objects. Writing only; nothing is parsed.
 */
final class Json {
    private final Map<String, Object> fields;
    private final List<Object> items;

    private Json(Map<String, Object> fields, List<Object> items) {
        this.fields = fields;
        this.items = items;
    }

    static Json object() {
        return new Json(new LinkedHashMap<>(), null);
    }

    static Json array() {
        return new Json(null, new ArrayList<>());
    }

    /** Sets a field of an object; returns this. */
    Json put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /** Appends to an array; returns this. */
    Json add(Object value) {
        items.add(value);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        write(this, sb);
        return sb.toString();
    }

    private static void write(Object value, StringBuilder sb) {
        if (value instanceof Json json) {
            if (json.items != null) {
                sb.append('[');
                for (int i = 0; i < json.items.size(); i++) {
                    sb.append(i == 0 ? "" : ",");
                    write(json.items.get(i), sb);
                }
                sb.append(']');
            } else {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<String, Object> e : json.fields.entrySet()) {
                    sb.append(first ? "" : ",");
                    first = false;
                    string(e.getKey(), sb);
                    sb.append(':');
                    write(e.getValue(), sb);
                }
                sb.append('}');
            }
        } else if (value instanceof Number || value instanceof Boolean) {
            sb.append(value);
        } else {
            string(String.valueOf(value), sb);
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
