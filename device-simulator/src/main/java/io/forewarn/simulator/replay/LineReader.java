package io.forewarn.simulator.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads a UTF-8 text file line by line from a byte offset, knowing where each line starts, so a second pass can come
 * back to any line. Accepts {@code \n} and {@code \r\n} endings; a byte-order mark at the start of the file is dropped.
 */
final class LineReader implements AutoCloseable {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private long bufferStart;         // file offset of buffer[0]
    private byte[] line = new byte[512];
    private long lineStart = -1;
    private long lineNumber;

    /**
     * @param offset where to start; must be the start of a line
     * @param lineNumber the 1-based number of the line at {@code offset}
     */
    LineReader(Path file, long offset, long lineNumber) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(offset);
        this.in = Channels.newInputStream(channel);
        this.bufferStart = offset;
        this.lineNumber = lineNumber - 1;
        if (offset == 0) skipBom();
    }

    private void skipBom() throws IOException {
        fill();
        if (limit >= 3 && Arrays.equals(buffer, 0, 3, BOM, 0, 3)) pos = 3;
    }

    private boolean fill() throws IOException {
        bufferStart += limit;
        pos = 0;
        limit = 0;
        int n = in.read(buffer, 0, buffer.length);  // blocks until at least one byte, or -1 at the end
        if (n <= 0) return false;
        limit = n;
        return true;
    }

    /** The next line without its ending, or null at the end of the file. */
    String next() throws IOException {
        if (pos >= limit && !fill()) return null;
        lineStart = bufferStart + pos;
        int length = 0;
        while (true) {
            if (pos >= limit && !fill()) break;
            byte b = buffer[pos++];
            if (b == '\n') break;
            if (length == line.length) line = Arrays.copyOf(line, line.length * 2);
            line[length++] = b;
        }
        lineNumber++;
        if (length > 0 && line[length - 1] == '\r') length--;
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    /** File offset of the line {@link #next} returned last. */
    long lineStart() {
        return lineStart;
    }

    /** 1-based number of the line {@link #next} returned last. */
    long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
