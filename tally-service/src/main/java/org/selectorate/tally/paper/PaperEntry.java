package org.selectorate.tally.paper;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * One teller's keying of a batch, or a scrutineer's decision of it: the batch's papers in the order of the tray.
 *
 * @param channel {@code postal} or {@code in-person}
 * @param papers  each paper as typed: its number, and its vote (a ranking, first preference first) or why it is
 *                spoilt
 */
public record PaperEntry(@Schema(example = "postal") String channel, List<Item> papers) {

    /** A paper: {@code vote} or {@code spoilt}, never both (so the example of a whole paper is a voted one). */
    @Schema(example = "{\"paper\": \"62M9-HC53-HC6C-8GQG\", \"vote\": [\"Tom Reid\", \"Asha Patel\"]}")
    public record Item(@Schema(example = "62M9-HC53-HC6C-8GQG") String paper,
                       @Schema(example = "[\"Tom Reid\", \"Asha Patel\"]") List<String> vote,
                       @Schema(example = "unmarked") String spoilt) {
    }
}
