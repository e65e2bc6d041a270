package org.selectorate.contracts.result;

import java.util.List;
import java.util.Map;

/**
 * A ballot's count is published (topic {@code selectorate.results}, key: ballot id), before
 * certification.
 *
 * @param votesByChannel entries on the record per channel
 * @param recordRoot     hex root of the final signed tree head
 */
public record ResultPublished(String ballotId, String selectionId, List<String> elected, long votes,
                              Map<String, Long> votesByChannel, String recordRoot) {
    public static final String TYPE = "org.selectorate.result.ResultPublished";
}
