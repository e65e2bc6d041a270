package org.selectorate.support.caller;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.contracts.Roles;

import java.security.Principal;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is calling and which areas their token covers. Area claims ({@code regions},
 * {@code constituencies}) come from Keycloak user attributes; HQ sees everything. An affiliate officer's token
 * names the affiliates they act for in {@code affiliates}, the same way.
 *
 * @param name    the username, for people to read (it can be renamed, or reused after an account is deleted)
 * @param subject the token's stable subject ({@code sub}): what "the same person" is decided by, e.g. the
 *                two-person rule; the principal's name only when there is no token (or it names no subject)
 */
public record Caller(@Schema(example = "scrutineer") String name,
                     @Schema(example = "c8e4a1f7-2d9b-4b3e-8f65-1a7c0d9e3b52") String subject,
                     @Schema(example = "[\"scrutineer\"]") Set<String> roles,
                     @Schema(example = "[\"NW\"]") Set<String> regions,
                     @Schema(example = "[\"NW-001\", \"NW-002\"]") Set<String> constituencies,
                     @Schema(example = "[]") Set<String> affiliates) {

    public static Caller of(SecurityIdentity identity) {
        Principal principal = identity.getPrincipal();
        Set<String> regions = Set.of();
        Set<String> constituencies = Set.of();
        Set<String> affiliates = Set.of();
        String name = principal.getName();
        String subject = name;
        if (principal instanceof JsonWebToken jwt) {
            if (jwt.getSubject() != null) {
                subject = jwt.getSubject();
            }
            regions = claim(jwt, "regions");
            constituencies = claim(jwt, "constituencies");
            affiliates = claim(jwt, "affiliates");
            String preferred = jwt.getClaim("preferred_username");
            if (preferred != null) {
                name = preferred;
            }
        }
        return new Caller(name, subject, new TreeSet<>(identity.getRoles()), regions, constituencies,
                affiliates);
    }

    public boolean isHq() {
        return roles.contains(Roles.HQ_ADMIN);
    }

    /** A region is in scope for HQ and for callers whose token names the region. */
    public boolean covers(String region) {
        return isHq() || regions.contains(region);
    }

    /** A constituency is in scope if the caller covers its region or names it directly. */
    public boolean covers(String region, String constituency) {
        return covers(region) || constituencies.contains(constituency);
    }

    /**
     * An affiliate officer whose token names the affiliate. The token alone does not make one an officer: the
     * affiliate's officers as membership-service records them must name the caller too.
     */
    public boolean claimsAffiliate(String affiliate) {
        return roles.contains(Roles.AFFILIATE_OFFICER) && affiliates.contains(affiliate);
    }

    private static Set<String> claim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        Set<String> out = new TreeSet<>();
        if (value instanceof Collection<?> list) {
            list.forEach(v -> out.add(unquote(v.toString())));
        } else if (value != null) {
            out.add(unquote(value.toString()));
        }
        return out;
    }

    private static String unquote(String s) {
        // JSON-P string values print with their quotes.
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
