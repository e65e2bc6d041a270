package org.selectorate.counting.blt;

/**
 * Something in a BLT file that was read past rather than refused, such as a commentary line after the title.
 *
 * @param line the line's number, from 1
 * @param text the line as written (without surrounding blanks)
 */
public record BltWarning(int line, String text) {
    /** As a command line prints it: {@code line 12: ignored after the title: "…"}. */
    public String message() {
        return "line " + line + ": ignored after the title: " + text;
    }
}
