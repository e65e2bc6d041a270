package org.selectorate.verifier.check;

/** The published keys are usable: an RFC 9474 key of at least 2048 bits, an Ed25519 tree-head key. */
public final class KeysCheck implements Check {
    @Override
    public CheckResult run(RecordFacts facts) {
        Findings f = new Findings("public keys");
        if (facts.keyProblem() != null) {
            f.problem(facts.keyProblem());
        }
        String summary = f.any() ? "" : facts.credentialKey().variant().id() + " " + facts.credentialKey()
                .modulusBits() + "-bit credential key " + facts.credentialKey().fingerprint()
                + "; Ed25519 tree-head key " + facts.treeHeadKey().fingerprint() + " (SHA-256 fingerprints)";
        return f.result(summary, "a published key is unusable");
    }
}
