package io.forewarn.jobs.sinks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A batch of line protocol as the UTF-8 bytes of its request body, appended in place and sent as they are: no
 * {@code String} of the batch, no re-encoding, and the array is kept from batch to batch, so a writer that has
 * reached its batch size allocates nothing more. Not thread-safe: the task fills one while the sender sends another.
 */
final class LineBatch {
    private static final int INITIAL_BYTES = 1 << 16;

    private byte[] bytes = new byte[INITIAL_BYTES];
    private int size;
    /** The digits of a number, written backwards before they are copied in order. */
    private final byte[] digits = new byte[20];

    int size() {
        return size;
    }

    /** The body: the first {@link #size()} bytes; valid until the next append or {@link #clear()}. */
    byte[] bytes() {
        return bytes;
    }

    void clear() {
        size = 0;
    }

    void append(byte b) {
        ensureRoom(1);
        bytes[size++] = b;
    }

    /** Text known to be ASCII: constants, and numbers {@link Double#toString} or {@code BigDecimal} wrote. */
    void appendAscii(String text) {
        int length = text.length();
        ensureRoom(length);
        for (int i = 0; i < length; i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
    }

    /**
     * Copies characters from {@code from} as long as they are ASCII and not marked in {@code stop}; returns the index
     * of the first one it did not copy ({@code to} when it copied them all).
     */
    int appendPlainAscii(char[] chars, int from, int to, boolean[] stop) {
        ensureRoom(to - from);
        int i = from;
        while (i < to) {
            char c = chars[i];
            if (c >= 0x80 || stop[c]) {
                break;
            }
            bytes[size++] = (byte) c;
            i++;
        }
        return i;
    }

    /** Characters of any text, as UTF-8; a surrogate without its pair becomes '?', as {@code String.getBytes} has it. */
    void appendUtf8(char[] chars, int from, int to) {
        ensureRoom(to - from);
        for (int i = from; i < to; i++) {
            char c = chars[i];
            if (c < 0x80) {
                bytes[size++] = (byte) c;
            } else {
                i = appendNonAscii(chars, i, to);
            }
        }
    }

    /** Returns the index of the last character written (a surrogate pair is two). */
    private int appendNonAscii(char[] chars, int i, int to) {
        char c = chars[i];
        // Room was ensured for a byte per character; this one takes up to three more (a pair: four for two).
        ensureRoom(to - i + 3);
        if (c < 0x800) {
            bytes[size++] = (byte) (0xC0 | c >> 6);
            bytes[size++] = (byte) (0x80 | c & 0x3F);
        } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(chars[i + 1])) {
            int codePoint = Character.toCodePoint(c, chars[i + 1]);
            bytes[size++] = (byte) (0xF0 | codePoint >> 18);
            bytes[size++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
            bytes[size++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            bytes[size++] = (byte) (0x80 | codePoint & 0x3F);
            return i + 1;
        } else if (Character.isSurrogate(c)) {
            bytes[size++] = '?';
        } else {
            bytes[size++] = (byte) (0xE0 | c >> 12);
            bytes[size++] = (byte) (0x80 | c >> 6 & 0x3F);
            bytes[size++] = (byte) (0x80 | c & 0x3F);
        }
        return i;
    }

    /** A whole number in decimal, as {@link Long#toString} writes it. */
    void appendLong(long value) {
        if (value == Long.MIN_VALUE) {
            appendAscii(Long.toString(value));
            return;
        }
        if (value < 0) {
            append((byte) '-');
            value = -value;
        }
        int count = 0;
        do {
            digits[count++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        ensureRoom(count);
        while (count > 0) {
            bytes[size++] = digits[--count];
        }
    }

    /** {@code width} decimal digits of {@code value}, leading zeros included (a fraction's digits). */
    void appendDigits(long value, int width) {
        ensureRoom(width);
        for (int i = size + width - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += width;
    }

    /** The batch's first line, at most {@code maxChars} of it, to quote in an error. */
    String firstLine(int maxChars) {
        int end = 0;
        while (end < size && bytes[end] != '\n') {
            end++;
        }
        String line = new String(bytes, 0, end, StandardCharsets.UTF_8);
        return line.length() <= maxChars ? line : line.substring(0, maxChars) + "...";
    }

    @Override
    public String toString() {
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    private void ensureRoom(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
