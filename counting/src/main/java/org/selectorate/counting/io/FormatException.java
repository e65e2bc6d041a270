package org.selectorate.counting.io;

/** A ballot file that cannot be read; the message names the line. */
public final class FormatException extends IllegalArgumentException {
    private final int line;

    public FormatException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
