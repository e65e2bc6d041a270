package org.selectorate.contracts.organisation;

/**
 * A constituency was added to the organisation tree (CloudEvents type {@link #TYPE}).
 *
 * @param code   stable identifier, e.g. {@code E14000530}
 * @param name   display name
 * @param region code of the region it belongs to; area scoping of tokens uses it
 */
public record ConstituencyCreated(String code, String name, String region) {
    public static final String TYPE = "org.selectorate.organisation.ConstituencyCreated";
}
