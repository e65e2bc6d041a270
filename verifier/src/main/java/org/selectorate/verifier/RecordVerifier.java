package org.selectorate.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.RecordStream;
import org.selectorate.verifier.check.CertificationCheck;
import org.selectorate.verifier.check.Check;
import org.selectorate.verifier.check.CheckResult;
import org.selectorate.verifier.check.ConsistencyCheck;
import org.selectorate.verifier.check.CredentialsCheck;
import org.selectorate.verifier.check.EntriesCheck;
import org.selectorate.verifier.check.EntryCheck;
import org.selectorate.verifier.check.KeysCheck;
import org.selectorate.verifier.check.LeafHashesCheck;
import org.selectorate.verifier.check.PaperAccountCheck;
import org.selectorate.verifier.check.ReconciliationCheck;
import org.selectorate.verifier.check.RecordFacts;
import org.selectorate.verifier.check.TreeAndChainCheck;
import org.selectorate.verifier.check.TreeHeadSignaturesCheck;
import org.selectorate.verifier.check.UniquenessCheck;
import org.selectorate.verifier.recount.RecountCheck;

/**
 * Runs every check on a public record. The entries go past the checks once, in order, and are not kept, so a
 * record file of any size is verified in bounded memory ({@link #verify(Path, CertificationCheck)}); the per-entry
 * work (hashes, signatures) uses all cores.
 */
public final class RecordVerifier {
    private RecordVerifier() {
    }

    /** Every check; a record without a scrutineer's certification passes as "not certified". */
    public static VerificationReport verify(RecordDocument document) {
        return verify(document, CertificationCheck.optional());
    }

    /**
     * Every check, the certification as {@code certification} expects it: required for a declared result, and under
     * the scrutineer's own key where it is known.
     */
    public static VerificationReport verify(RecordDocument document, CertificationCheck certification) {
        try {
            return verify(document, each -> {
                document.entries().forEach(each);
                return document.entries().size();
            }, certification);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every check on a record file, read twice and never whole: once for everything but the entries (a canonical
     * record's keys and tree heads come after its entries), then entry by entry.
     *
     * @throws org.selectorate.integrity.record.MalformedRecordException if it is not a record
     * @throws IOException                                                if it cannot be read
     */
    public static VerificationReport verify(Path file, CertificationCheck certification) throws IOException {
        RecordDocument withoutEntries;
        try (InputStream in = Files.newInputStream(file)) {
            withoutEntries = RecordStream.withoutEntries(in);
        }
        return verify(withoutEntries, each -> {
            try (InputStream in = Files.newInputStream(file)) {
                return RecordStream.entries(in, each);
            }
        }, certification);
    }

    private static VerificationReport verify(RecordDocument document, RecordFacts.Entries entries,
            CertificationCheck certification) throws IOException {
        List<Check> checks = List.of(
                new KeysCheck(),
                new EntriesCheck(),
                new CredentialsCheck(),
                new UniquenessCheck(),
                new LeafHashesCheck(),
                new TreeHeadSignaturesCheck(),
                new TreeAndChainCheck(),
                new ConsistencyCheck(),
                new ReconciliationCheck(),
                new PaperAccountCheck(),
                new RecountCheck(),
                certification);
        RecordFacts facts = RecordFacts.of(document);
        facts.scan(entries, checks.stream().filter(EntryCheck.class::isInstance).map(EntryCheck.class::cast)
                .toList());
        List<CheckResult> results = new ArrayList<>();
        for (Check check : checks) {
            results.add(check.run(facts));
        }
        return new VerificationReport(facts, results);
    }
}
