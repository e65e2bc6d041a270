package org.selectorate.verifier.check;

/** One property of a public record that anyone can check with the file alone. */
public interface Check {
    CheckResult run(RecordFacts facts);
}
