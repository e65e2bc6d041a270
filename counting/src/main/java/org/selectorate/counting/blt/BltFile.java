package org.selectorate.counting.blt;

import java.util.List;
import org.selectorate.counting.ballot.Election;

/**
 * A BLT ballot file: the election and, when the file carries a {@code [tie …]} line, its tie-break
 * order (most favoured first, as the extension lists it).
 */
public record BltFile(Election election, List<String> tieOrder) {
    public BltFile {
        tieOrder = List.copyOf(tieOrder);
    }
}
