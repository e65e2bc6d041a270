package org.selectorate.gateway.limits;

import io.vertx.core.http.HttpMethod;

import java.util.regex.Pattern;

/**
 * The anonymous routes ({@code /api/<service>/public/**}), grouped by what a request costs and how often a voter
 * needs it. A new anonymous route is limited as {@link #LOOKUPS} or {@link #OTHER} until it earns a group.
 */
public enum RouteGroup {
    /** Redeeming an access code: a blind signature (RSA) and a mark in the register. */
    CREDENTIALS("credentials", HttpMethod.POST, "/api/ballots/public/ballots/[^/]+/credentials"),
    /** A member checking the roll: both membership number and email must match, so guessing is slowed here. */
    ROLL_CHECK("roll-check", HttpMethod.POST, "/api/membership/public/selections/[^/]+/roll/check"),
    /** A vote: a signature check and a write to the record. */
    CASTS("casts", HttpMethod.POST, "/api/tally/public/ballots/[^/]+/casts"),
    /** Reads: a ballot's paper, an entry by tracker (voters poll it), the record, the result, a notice's page. */
    LOOKUPS("lookups", null, null),
    /** Every other anonymous request: receipts, notice acknowledgements, unsubscribes by POST. */
    OTHER("other", null, null);

    private static final Pattern ANONYMOUS = Pattern.compile("/api/[^/]+/public/.*");

    private final String label;
    private final HttpMethod method;
    private final Pattern path;

    RouteGroup(String label, HttpMethod method, String path) {
        this.label = label;
        this.method = method;
        this.path = path == null ? null : Pattern.compile(path);
    }

    /** As in configuration and metrics. */
    public String label() {
        return label;
    }

    /** The group of an anonymous request, or null for a request that needs a token (not limited here). */
    static RouteGroup of(HttpMethod method, String normalizedPath) {
        if (!ANONYMOUS.matcher(normalizedPath).matches()) {
            return null;
        }
        for (RouteGroup group : values()) {
            if (group.path != null && group.method.equals(method) && group.path.matcher(normalizedPath).matches()) {
                return group;
            }
        }
        return method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD) ? LOOKUPS : OTHER;
    }
}
