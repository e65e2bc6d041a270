package org.selectorate.contracts.result;

import java.time.Instant;
import java.util.List;

/**
 * A certified result was declared (topic {@code selectorate.results}, key: ballot id): every committee member and
 * candidate is told, webhooks fire, and the appeal window opens.
 */
public record ResultDeclared(String ballotId, String selectionId, List<String> elected, String declaredBy,
                             Instant declaredAt) {
    public static final String TYPE = "org.selectorate.result.ResultDeclared";
}
