package org.selectorate.verifier.check;

import java.util.concurrent.atomic.AtomicLong;
import org.selectorate.integrity.blind.BlindVerificationKey;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.record.RecordEntry;

/**
 * Every online vote carries a valid RFC 9474 signature, under the ballot's credential key, on this ballot's
 * credential message for its token: the issuer vouched for one eligible member, without knowing which vote.
 */
public final class CredentialsCheck implements EntryCheck {
    private final Findings f = new Findings("credential signatures");
    private final AtomicLong online = new AtomicLong();

    @Override
    public void inspect(RecordFacts facts, ScannedEntry scanned) {
        RecordEntry e = scanned.entry();
        if (e.channel().isPaper()) {
            return;
        }
        online.incrementAndGet();
        BlindVerificationKey key = facts.credentialKey();
        if (key != null && !valid(key, facts.document().ballotId(), e)) {
            f.problem(scanned.position(), RecordFacts.label(e) + ": credential does not verify");
        }
    }

    @Override
    public CheckResult run(RecordFacts facts) {
        if (facts.credentialKey() == null) {
            f.problem(-1, "no usable credential key, so no online vote can be checked");
        }
        return f.result(online.get() + " online votes, each with a valid credential",
                "online votes without a valid credential");
    }

    private static boolean valid(BlindVerificationKey key, String ballotId, RecordEntry e) {
        try {
            return key.verify(CredentialMessage.of(ballotId, Token.fromEncoded(e.token())), e.credential());
        } catch (IllegalArgumentException ex) {
            return false;
        }
    }
}
