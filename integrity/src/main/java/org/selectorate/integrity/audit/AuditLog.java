package org.selectorate.integrity.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * A service's audit chain as exported to one reader: the service, its public audit key, the filter applied, and
 * every position of the chain from seq 1, in full where the filter matches and withheld elsewhere. Written and read
 * by {@link AuditCodec}; checked by {@link AuditVerifier}.
 */
public record AuditLog(String service, AuditKey publicKey, AuditFilter filter, List<AuditLink> entries) {
    public static final String SCHEMA = "selectorate-audit-log/1";

    public AuditLog {
        AuditEntry.requireText(service, "service");
        if (publicKey == null || filter == null) {
            throw new IllegalArgumentException("a log names its key and its filter");
        }
        entries = List.copyOf(entries);
        for (AuditLink e : entries) {
            if (!service.equals(e.service())) {
                throw new IllegalArgumentException("entry " + e.seq() + " belongs to " + e.service());
            }
        }
    }

    /** The chain (every entry, in order) as {@code filter} shows it. */
    public static AuditLog export(String service, AuditKey key, AuditFilter filter, List<AuditEntry> chain) {
        List<AuditLink> shown = new ArrayList<>(chain.size());
        for (AuditEntry e : chain) {
            shown.add(filter.matches(e.scope()) ? e : e.elided());
        }
        return new AuditLog(service, key, filter, shown);
    }

    /** The entries shown in full. */
    public List<AuditEntry> shown() {
        return entries.stream().filter(AuditEntry.class::isInstance).map(AuditEntry.class::cast).toList();
    }
}
