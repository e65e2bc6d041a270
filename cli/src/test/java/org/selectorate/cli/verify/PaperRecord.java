package org.selectorate.cli.verify;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.integrity.blind.BlindingSession;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.encoding.Ed25519Keys;
import org.selectorate.integrity.record.BallotInfo;
import org.selectorate.integrity.record.Certification;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.ChannelAccount;
import org.selectorate.integrity.record.CountRules;
import org.selectorate.integrity.record.PaperRef;
import org.selectorate.integrity.record.PublicRecord;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.TreeHead;
import org.selectorate.integrity.record.TreeHeadSigner;
import org.selectorate.verifier.recount.RecordCount;

/**
 * A small counted record of all three channels, as the platform exports it with its ballot paper account: online
 * 5 credentials issued, 4 cast; by post 5 packs issued (one replaced) to 4 members, 4 returned, one refused for a
 * missing declaration; in person 3 papers to 2 members, one spoilt. Two signed tree heads, of 5 and 9 entries.
 */
public final class PaperRecord {
    public static final String BALLOT = "b-paper";

    private PaperRecord() {
    }

    public static RecordDocument counted() {
        SecureRandom random = new SecureRandom();
        BlindSigningKey issuer = BlindSigningKey.generate(2048, BlindRsaVariant.SHA384_PSS_RANDOMIZED, random);
        PublicRecord record = PublicRecord.open(new BallotInfo(BALLOT, "Paper and online", List.of("A", "B", "C"),
                List.of()), Map.of(), CountRules.alternativeVote(1), issuer.publicKey(),
                TreeHeadSigner.generate(random));
        for (List<String> vote : List.of(List.of("A", "B"), List.of("B"), List.of("C", "B"), List.of("A"))) {
            Token token = Token.random(random);
            BlindingSession s = issuer.publicKey().blind(CredentialMessage.of(BALLOT, token), random);
            record.appendOnline(vote, token, s.finish(issuer.blindSign(s.blindedMessage())));
        }
        record.appendPaper(Channel.POSTAL, List.of("C", "A"), new PaperRef("postal-1", 1));
        record.signTreeHead(Instant.parse("2025-05-01T10:00:00Z"));
        record.appendPaper(Channel.POSTAL, List.of("B", "A"), new PaperRef("postal-1", 2));
        record.appendPaper(Channel.POSTAL, List.of(), new PaperRef("postal-1", 3));
        record.appendPaper(Channel.IN_PERSON, List.of("A", "C"), new PaperRef("hall-1", 1));
        record.appendPaper(Channel.IN_PERSON, List.of("C"), new PaperRef("hall-1", 2));
        record.signTreeHead(Instant.parse("2025-05-01T22:00:00Z"));
        Map<Channel, Long> marked = Map.of(Channel.ONLINE, 5L, Channel.POSTAL, 4L, Channel.IN_PERSON, 2L);
        RecordDocument draft = record.document(marked, null);
        Map<Channel, ChannelAccount> account = new EnumMap<>(Channel.class);
        account.put(Channel.ONLINE, new ChannelAccount(5, 4, Map.of(), Map.of(), 4));
        account.put(Channel.POSTAL, new ChannelAccount(5, 4, Map.of("declaration-missing", 1L), Map.of(), 3));
        account.put(Channel.IN_PERSON, new ChannelAccount(3, 3, Map.of(), Map.of("unmarked", 1L), 2));
        return new RecordDocument(draft.header(), draft.entries(), draft.treeHeads(), marked,
                RecordCount.resultValue(RecordCount.count(draft.header(), draft.entries())), account, null);
    }

    /** {@code doc} with a certification by {@code key} over {@code head}. */
    public static RecordDocument certified(RecordDocument doc, KeyPair key, TreeHead head) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key.getPrivate());
            s.update(Certification.statement(doc.ballotId(), Certification.CERTIFIED, List.of(), "Sam Okafor",
                    head.treeSize(), head.rootHash()));
            return new RecordDocument(doc.header(), doc.entries(), doc.treeHeads(), doc.markedRegister(),
                    doc.result(), doc.paperAccount(), new Certification(Certification.CERTIFIED, List.of(),
                    "Sam Okafor", Base64Url.encode(Ed25519Keys.raw(key.getPublic())), head.treeSize(),
                    head.rootHash(), Base64Url.encode(s.sign())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TreeHead finalHead(RecordDocument doc) {
        return doc.treeHeads().get(doc.treeHeads().size() - 1).head();
    }
}
