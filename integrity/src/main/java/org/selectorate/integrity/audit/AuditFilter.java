package org.selectorate.integrity.audit;

import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which entries a log shows in full: those of one selection, or all, within the reader's area ({@code allAreas}
 * for HQ; otherwise the regions and constituencies the reader covers). National entries (no region or
 * constituency) are everyone's. The rest are withheld, and a verifier checks each withheld entry's scope against
 * this filter, so a reader learns whether anything of theirs was kept back.
 */
public record AuditFilter(String selection, boolean allAreas, SortedSet<String> regions,
        SortedSet<String> constituencies) {
    public AuditFilter {
        if (selection != null) {
            AuditEntry.requireText(selection, "selection");
        }
        regions = copy(regions);
        constituencies = copy(constituencies);
        if (allAreas && !(regions.isEmpty() && constituencies.isEmpty())) {
            throw new IllegalArgumentException("a filter covering everywhere names no areas");
        }
    }

    public static AuditFilter everywhere() {
        return new AuditFilter(null, true, null, null);
    }

    public static AuditFilter within(Collection<String> regions, Collection<String> constituencies) {
        return new AuditFilter(null, false, new TreeSet<>(regions), new TreeSet<>(constituencies));
    }

    /** This filter narrowed to one selection ({@code null}: all). */
    public AuditFilter forSelection(String selection) {
        return new AuditFilter(selection, allAreas, regions, constituencies);
    }

    public boolean matches(AuditScope scope) {
        if (selection != null && !selection.equals(scope.selection())) {
            return false;
        }
        if (allAreas || (scope.region() == null && scope.constituency() == null)) {
            return true;
        }
        return (scope.region() != null && regions.contains(scope.region()))
                || (scope.constituency() != null && constituencies.contains(scope.constituency()));
    }

    private static SortedSet<String> copy(Collection<String> names) {
        TreeSet<String> out = new TreeSet<>();
        if (names != null) {
            names.forEach(n -> AuditEntry.requireText(n, "area"));
            out.addAll(names);
        }
        return java.util.Collections.unmodifiableSortedSet(out);
    }
}
