package org.selectorate.contracts.result;

import java.util.List;

/**
 * A recount ordered on appeal is done (topic {@code selectorate.results}, key: ballot id).
 *
 * @param elected     who the recount elects
 * @param sameResult  whether it elects exactly as the published count did, stage for stage
 */
public record RecountCompleted(String ballotId, String selectionId, String appealId, List<String> elected,
                               boolean sameResult) {
    public static final String TYPE = "org.selectorate.result.RecountCompleted";
}
