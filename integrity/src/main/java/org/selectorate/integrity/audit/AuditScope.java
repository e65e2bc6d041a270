package org.selectorate.integrity.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an action applies: the region and constituency it falls in and the selection it concerns, each absent when
 * it does not apply ({@link #NATIONAL}: nothing). Readers are shown the entries of their area; the scope stays
 * visible on entries withheld from them, so a reader can check that nothing of theirs was withheld.
 */
public record AuditScope(String region, String constituency, String selection) {
    public static final AuditScope NATIONAL = new AuditScope(null, null, null);

    public AuditScope {
        optionalText(region, "region");
        optionalText(constituency, "constituency");
        optionalText(selection, "selection");
        if (selection != null && constituency == null) {
            throw new IllegalArgumentException("an action on a selection must name the selection's constituency");
        }
    }

    public static AuditScope region(String region) {
        return new AuditScope(region, null, null);
    }

    public static AuditScope constituency(String region, String constituency) {
        return new AuditScope(region, constituency, null);
    }

    public static AuditScope selection(String region, String constituency, String selection) {
        return new AuditScope(region, constituency, selection);
    }

    Map<String, Object> value() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("region", region);
        m.put("constituency", constituency);
        m.put("selection", selection);
        return m;
    }

    private static void optionalText(String value, String what) {
        if (value != null) {
            AuditEntry.requireText(value, what);
        }
    }
}
