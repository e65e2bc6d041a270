package org.selectorate.integrity.record;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One channel's ballot paper account: what was issued, what came back, and what became of it. Online, a credential
 * is the paper issued and a cast its return; nothing is rejected or spoilt there.
 *
 * @param issued   papers issued (credentials, postal packs, papers handed out at a meeting)
 * @param returned papers that came back by the close
 * @param rejected returns refused before keying (a postal declaration that failed), by reason
 * @param spoilt   papers keyed but not counted (unmarked, ambiguous, identifying mark), by reason
 * @param counted  entries on the record in this channel
 */
public record ChannelAccount(long issued, long returned, Map<String, Long> rejected, Map<String, Long> spoilt,
        long counted) {
    public ChannelAccount {
        rejected = Collections.unmodifiableMap(new TreeMap<>(rejected));
        spoilt = Collections.unmodifiableMap(new TreeMap<>(spoilt));
        if (issued < 0 || returned < 0 || counted < 0
                || rejected.values().stream().anyMatch(n -> n < 0) || spoilt.values().stream().anyMatch(n -> n < 0)) {
            throw new IllegalArgumentException("an account's figures are not negative");
        }
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public long spoiltTotal() {
        return spoilt.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Papers issued that never came back (may be negative in an account that does not reconcile). */
    public long unreturned() {
        return issued - returned;
    }

    /** Why the account does not reconcile, one line each; empty when it does. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (returned > issued) {
            p.add(returned + " returned but only " + issued + " issued");
        }
        long accounted = rejectedTotal() + spoiltTotal() + counted;
        if (accounted != returned) {
            p.add(returned + " returned but " + accounted + " rejected, spoilt or counted");
        }
        return p;
    }
}
