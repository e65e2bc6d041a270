package org.selectorate.counting.blt;

import java.util.List;
import org.selectorate.counting.ballot.Election;

/**
 * A BLT ballot file: the election and, when the file carries a {@code [tie …]} line, its tie-break
 * order (most favoured first, as the extension lists it), and what was read past with a warning
 * (commentary after the title, as the ERBS validation files carry).
 */
public record BltFile(Election election, List<String> tieOrder, List<BltWarning> warnings) {
    public BltFile {
        tieOrder = List.copyOf(tieOrder);
        warnings = List.copyOf(warnings);
    }

    public BltFile(Election election, List<String> tieOrder) {
        this(election, tieOrder, List.of());
    }
}
