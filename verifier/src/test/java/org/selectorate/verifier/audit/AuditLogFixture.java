package org.selectorate.verifier.audit;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditActor;
import org.selectorate.integrity.audit.AuditEntry;
import org.selectorate.integrity.audit.AuditHead;
import org.selectorate.integrity.audit.AuditScope;
import org.selectorate.integrity.audit.AuditSigner;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.integrity.encoding.Hex;

/** A small audit chain of a service, signed with a key from a fixed seed, for the verifier's and the CLI's tests. */
public final class AuditLogFixture {
    public static final String SERVICE = "ballot-service";

    private AuditLogFixture() {
    }

    /** An Ed25519 key from a 32-byte seed (hex): the JDK draws exactly the private key from the random source. */
    public static AuditSigner signer(String seed) {
        byte[] bytes = Hex.decode(seed);
        return AuditSigner.generate(new SecureRandom() {
            @Override
            public void nextBytes(byte[] out) {
                System.arraycopy(bytes, 0, out, 0, out.length);
            }
        });
    }

    /** Six entries: two national, two in NW-001 on selection sel-1 (the second co-signed), two in NE-004. */
    public static List<AuditEntry> chain(AuditSigner signer) {
        AuditActor hq = new AuditActor("sub-hq", "hq", List.of("hq-admin"));
        AuditActor scrutineer = new AuditActor("sub-scr", "scrutineer", List.of("scrutineer"));
        AuditScope sel1 = AuditScope.selection("NW", "NW-001", "sel-1");
        AuditScope ne = AuditScope.constituency("NE", "NE-004");
        List<Object[]> actions = List.of(
                new Object[]{hq, AuditAction.named("rulebook.publish").on("rulebook/2021")
                        .after(AuditState.of(Map.of("edition", 2021))).build()},
                new Object[]{hq, AuditAction.named("selection.open").in(sel1).on("selection/sel-1").build()},
                new Object[]{hq, AuditAction.named("selection.open").in(AuditScope.selection("NE", "NE-004", "sel-2"))
                        .on("selection/sel-2").build()},
                new Object[]{hq, AuditAction.named("candidate.withdraw").in(ne).on("candidate/c-9")
                        .reason("withdrew by letter").build()},
                new Object[]{scrutineer, AuditAction.named("ballot.close-early").in(sel1).on("ballot/b-1")
                        .reason("every elector has voted").coSignedBy("sub-hq").build()},
                new Object[]{hq, AuditAction.named("rulebook.publish").on("rulebook/2022").build()});
        List<AuditEntry> out = new ArrayList<>();
        AuditHead head = AuditHead.genesis(SERVICE, signer.publicKey());
        Instant t = Instant.parse("2026-05-01T09:00:00Z");
        for (Object[] a : actions) {
            AuditEntry e = signer.append(head, (AuditActor) a[0], (AuditAction) a[1], t);
            out.add(e);
            head = e.head();
            t = t.plusSeconds(600);
        }
        return out;
    }
}
