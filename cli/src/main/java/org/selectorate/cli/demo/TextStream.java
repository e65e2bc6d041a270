package org.selectorate.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Text made a piece at a time as it is read, so an upload of any size (a national roll) is never held whole. */
final class TextStream extends InputStream {
    private final Supplier<String> pieces;
    private byte[] piece = new byte[0];
    private int at;

    /** {@code pieces} gives the next piece of text, or null after the last. */
    TextStream(Supplier<String> pieces) {
        this.pieces = pieces;
    }

    /** The whole text: for a small file. */
    static String whole(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (at == piece.length) {
            String next = pieces.get();
            if (next == null) {
                return -1;
            }
            piece = next.getBytes(StandardCharsets.UTF_8);
            at = 0;
        }
        int n = Math.min(len, piece.length - at);
        System.arraycopy(piece, at, b, off, n);
        at += n;
        return n;
    }
}
