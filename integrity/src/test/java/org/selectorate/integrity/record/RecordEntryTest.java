package org.selectorate.integrity.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.json.JsonException;
import org.selectorate.integrity.merkle.MerkleHashes;

/** The leaf hash written straight from an entry's fields is the hash of its canonical JSON value, whatever it holds. */
class RecordEntryTest {
    private static final String SIGNATURE = Base64Url.encode(new byte[256]);
    private static final String PREFIX = Base64Url.encode(new byte[32]);

    @Test
    void theLeafHashIsTheHashOfTheEntrysCanonicalValue() {
        List<RecordEntry> entries = List.of(
                new RecordEntry(0, Channel.ONLINE, "7K3M-Q9TD-2XHB-W4RN", List.of("Bo", "Ada"), "dG9rZW4",
                        new Credential(PREFIX, SIGNATURE), null, null),
                new RecordEntry(1, Channel.ONLINE, "7K3M-Q9TD-2XHB-W4RN", List.of(), "dG9rZW4",
                        new Credential(null, SIGNATURE), null, null),
                new RecordEntry(9_007_199_254_740_991L, Channel.POSTAL, "T", List.of("Zoë \"Z\" \\ O'Neil",
                        "tab\there", "\u0001", "\ud83d\uddf3 \u00e9\u4e2d"), null, null,
                        new PaperRef("postal/\u00e9\n1", 42), null),
                new RecordEntry(-3, Channel.IN_PERSON, "", List.of("Cy"), null, null, new PaperRef("hall-1", 1),
                        null));
        for (RecordEntry e : entries) {
            assertEquals(MerkleHashes.leaf(CanonicalJson.bytes(e.leafValue())), e.computeLeafHash(), e.toString());
        }
    }

    @Test
    void whatHasNoCanonicalFormIsRefusedAsBefore() {
        RecordEntry tooLarge = new RecordEntry(9_007_199_254_740_992L, Channel.IN_PERSON, "T", List.of(), null, null,
                new PaperRef("hall-1", 1), null);
        RecordEntry lone = new RecordEntry(0, Channel.IN_PERSON, "T", List.of("\ud800"), null, null,
                new PaperRef("hall-1", 1), null);
        for (RecordEntry e : List.of(tooLarge, lone)) {
            assertThrows(JsonException.class, () -> CanonicalJson.bytes(e.leafValue()));
            assertThrows(JsonException.class, e::computeLeafHash);
        }
    }
}
