package org.selectorate.contracts.result;

import java.util.List;

/**
 * A scrutineer refused to certify a counted ballot, with reasons (topic {@code selectorate.results}, key: ballot
 * id): published, told to every committee member, and the result cannot be declared.
 */
public record CertificationRefused(String ballotId, String selectionId, String scrutineer, List<String> reasons) {
    public static final String TYPE = "org.selectorate.result.CertificationRefused";
}
