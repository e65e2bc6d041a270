package org.selectorate.verifier.check;

import java.util.List;
import org.selectorate.integrity.blind.BlindVerificationKey;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.record.RecordEntry;

/**
 * Every online vote carries a valid RFC 9474 signature, under the ballot's credential key, on this ballot's
 * credential message for its token: the issuer vouched for one eligible member, without knowing which vote.
 */
public final class CredentialsCheck implements Check {
    @Override
    public CheckResult run(RecordFacts facts) {
        Findings f = new Findings("credential signatures");
        BlindVerificationKey key = facts.credentialKey();
        String ballotId = facts.document().ballotId();
        List<RecordEntry> online = facts.entries().stream().filter(e -> !e.channel().isPaper()).toList();
        if (key == null) {
            f.problem("no usable credential key, so no online vote can be checked");
        } else {
            online.parallelStream().forEach(e -> {
                if (!valid(key, ballotId, e)) {
                    f.problem(e.seq(), RecordFacts.label(e) + ": credential does not verify");
                }
            });
        }
        return f.result(online.size() + " online votes, each with a valid credential",
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
