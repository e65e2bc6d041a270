package org.selectorate.tally.paper;

import java.util.List;

/**
 * One teller's keying of a batch, or a scrutineer's decision of it: the batch's papers in the order of the tray.
 *
 * @param channel {@code postal} or {@code in-person}
 * @param papers  each paper as typed: its number, and its vote (a ranking, first preference first) or why it is
 *                spoilt
 */
public record PaperEntry(String channel, List<Item> papers) {

    /** A paper: {@code vote} or {@code spoilt}, never both. */
    public record Item(String paper, List<String> vote, String spoilt) {
    }
}
