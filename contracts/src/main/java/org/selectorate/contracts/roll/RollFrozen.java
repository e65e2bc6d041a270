package org.selectorate.contracts.roll;

import java.time.LocalDate;
import java.util.Map;

/**
 * A selection's roll was frozen (topic {@code selectorate.roll}, key: selection id). The entries follow
 * in {@link RollEntries} chunks; ballot-service uses the electorate only once it holds {@code chunks}
 * chunks totalling {@code electorate} entries under this version.
 *
 * @param version      1 at the freeze; each later, co-signed change makes a new version
 * @param merkleRoot   hex RFC 9162 root over the canonical, sorted entries
 * @param perBranch    entries per branch code (published; totals only)
 * @param changed      entries added plus removed relative to the previous version (0 at the freeze)
 */
public record RollFrozen(String selectionId, String constituency, int version, LocalDate freezeDate,
                         long electorate, String merkleRoot, Map<String, Long> perBranch, int chunks,
                         long changed) {
    public static final String TYPE = "org.selectorate.roll.RollFrozen";
}
