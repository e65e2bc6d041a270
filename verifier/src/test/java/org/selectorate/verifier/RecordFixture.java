package org.selectorate.verifier;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.integrity.blind.BlindingSession;
import org.selectorate.integrity.blind.Credential;
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
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.integrity.record.TreeHead;
import org.selectorate.integrity.record.TreeHeadSigner;
import org.selectorate.verifier.recount.RecordCount;

/**
 * Builds a realistic public record the way the platform does: voters blind their tokens, the issuer signs,
 * the tally appends (70% online, 20% postal, 10% in person), signs a tree head every {@code headEvery}
 * entries and publishes the count.
 */
public final class RecordFixture {
    public static final BallotInfo BALLOT = new BallotInfo("2025-hackney-south-final", "Hackney South final ballot",
            List.of("Ada Lovelace", "Bo Diddley", "Cy Twombly", "Di Fosse"), List.of("Di Fosse"));

    private RecordFixture() {
    }

    public static RecordDocument build(int size, int headEvery, long seed, BlindSigningKey issuer,
            TreeHeadSigner signer) {
        SecureRandom secure = new SecureRandom();
        Random random = new Random(seed);
        PublicRecord record = PublicRecord.open(BALLOT, Map.of("edition", "2021", "threshold", "majority"),
                CountRules.alternativeVote(seed), issuer.publicKey(), signer);
        Channel[] channels = new Channel[size];
        List<List<String>> votes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int r = random.nextInt(10);
            channels[i] = r < 7 ? Channel.ONLINE : r < 9 ? Channel.POSTAL : Channel.IN_PERSON;
            votes.add(vote(random));
        }
        Token[] tokens = new Token[size];
        Credential[] credentials = new Credential[size];
        // The issuer's RSA work dominates; voters and issuer run side by side as they would.
        IntStream.range(0, size).parallel().filter(i -> channels[i] == Channel.ONLINE).forEach(i -> {
            tokens[i] = Token.random(secure);
            BlindingSession session = issuer.publicKey().blind(CredentialMessage.of(BALLOT.id(), tokens[i]), secure);
            credentials[i] = session.finish(issuer.blindSign(session.blindedMessage()));
        });
        Instant clock = Instant.parse("2025-05-01T09:00:00Z");
        Map<Channel, Long> marked = new EnumMap<>(Channel.class);
        for (int i = 0; i < size; i++) {
            if (channels[i] == Channel.ONLINE) {
                record.appendOnline(votes.get(i), tokens[i], credentials[i]);
            } else {
                record.appendPaper(channels[i], votes.get(i), new PaperRef(channels[i].id() + "-" + (i / 100), i % 100
                        + 1));
            }
            marked.merge(channels[i], 1L, Long::sum);
            if ((i + 1) % headEvery == 0 && i + 1 < size) {
                record.signTreeHead(clock.plusSeconds(i));
            }
        }
        record.signTreeHead(clock.plusSeconds(size));
        // Some members were issued a ballot and did not vote.
        marked.merge(Channel.ONLINE, 12L, Long::sum);
        marked.merge(Channel.POSTAL, 5L, Long::sum);
        RecordDocument draft = record.document(marked, null);
        return record.document(marked,
                RecordCount.resultValue(RecordCount.count(draft.header(), draft.entries())));
    }

    /**
     * The ballot paper account the platform would publish with {@code doc}: online, every credential issued is a
     * member marked and every cast is counted; by post, one pack was cancelled and replaced, two returns were
     * refused for want of a declaration and one paper was spoilt; in person, one paper was spoilt and replaced.
     */
    public static Map<Channel, ChannelAccount> account(RecordDocument doc) {
        Map<Channel, Long> counted = new EnumMap<>(Channel.class);
        for (RecordEntry e : doc.entries()) {
            counted.merge(e.channel(), 1L, Long::sum);
        }
        Map<Channel, Long> marked = doc.markedRegister();
        long online = counted.getOrDefault(Channel.ONLINE, 0L);
        long postal = counted.getOrDefault(Channel.POSTAL, 0L);
        long inPerson = counted.getOrDefault(Channel.IN_PERSON, 0L);
        Map<Channel, ChannelAccount> account = new EnumMap<>(Channel.class);
        account.put(Channel.ONLINE, new ChannelAccount(marked.getOrDefault(Channel.ONLINE, 0L), online, Map.of(),
                Map.of(), online));
        account.put(Channel.POSTAL, new ChannelAccount(marked.getOrDefault(Channel.POSTAL, 0L) + 1, postal + 3,
                Map.of("declaration-missing", 2L), Map.of("identifying-mark", 1L), postal));
        account.put(Channel.IN_PERSON, new ChannelAccount(marked.getOrDefault(Channel.IN_PERSON, 0L) + 1,
                inPerson + 1, Map.of(), Map.of("unmarked", 1L), inPerson));
        return account;
    }

    /** {@code doc} with this paper account and certification. */
    public static RecordDocument with(RecordDocument doc, Map<Channel, ChannelAccount> account,
            Certification certification) {
        return new RecordDocument(doc.header(), doc.entries(), doc.treeHeads(), doc.markedRegister(), doc.result(),
                account, certification);
    }

    /** A scrutineer's decision on {@code head} of {@code ballotId}, signed with {@code key}. */
    public static Certification decide(KeyPair key, String ballotId, TreeHead head, String scrutineer,
            List<String> refusedFor) {
        String decision = refusedFor.isEmpty() ? Certification.CERTIFIED : Certification.REFUSED;
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key.getPrivate());
            s.update(Certification.statement(ballotId, decision, refusedFor, scrutineer, head.treeSize(),
                    head.rootHash()));
            return new Certification(decision, refusedFor, scrutineer, Base64Url.encode(Ed25519Keys.raw(
                    key.getPublic())), head.treeSize(), head.rootHash(), Base64Url.encode(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> vote(Random random) {
        List<String> names = new ArrayList<>(BALLOT.candidates());
        Collections.shuffle(names, random);
        return names.subList(0, random.nextInt(names.size() + 1));
    }
}
