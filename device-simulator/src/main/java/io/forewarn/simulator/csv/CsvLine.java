package io.forewarn.simulator.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of comma-separated values (RFC 4180 within a line): fields may be quoted with {@code "}, a quote inside
 * a quoted field is doubled. A quoted field spanning lines is not supported; it is reported as an unterminated quote.
 */
public final class CsvLine {
    private CsvLine() {}

    /**
     * The fields of {@code line}.
     *
     * @throws IllegalArgumentException for an unterminated quote or text after a closing quote, naming the column
     */
    public static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            field.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) throw new IllegalArgumentException("column " + (fields.size() + 1) + ": unterminated quote");
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("column " + (fields.size() + 1) + ": text after a closing quote");
                }
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                field.append(line, i, end);
                i = end;
            }
            fields.add(field.toString());
            if (i >= n) return fields;
            i++;  // the comma
            if (i == n) {
                fields.add("");
                return fields;
            }
        }
    }

    /** {@code value} as a CSV field: quoted when it holds a comma, a quote or a line break; null is empty. */
    public static String quote(String value) {
        if (value == null) return "";
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) return value;
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
