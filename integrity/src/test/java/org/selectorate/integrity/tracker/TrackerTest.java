package org.selectorate.integrity.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.encoding.Crockford;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.json.CanonicalJson;

class TrackerTest {
    private static final Token TOKEN = Token.fromEncoded("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8");

    @Test
    void isSixteenCrockfordSymbolsInFourGroups() {
        String t = Tracker.forToken("ballot-1", TOKEN).value();
        assertTrue(t.matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}"), t);
    }

    @Test
    void isDeterministicAndBallotSpecific() {
        assertEquals(Tracker.forToken("ballot-1", TOKEN), Tracker.forToken("ballot-1", TOKEN));
        assertNotEquals(Tracker.forToken("ballot-1", TOKEN), Tracker.forToken("ballot-2", TOKEN));
        assertNotEquals(Tracker.forPaper("ballot-1", "P1", 1), Tracker.forPaper("ballot-1", "P1", 2));
    }

    @Test
    void isDerivedFromTheCanonicalJsonOfItsInputs() {
        for (String ballot : java.util.List.of("ballot-1", "b \"q\" \\ \u00e9\n\ud83d\uddf3")) {
            assertEquals(documented(Map.of("ballot", ballot, "schema", Tracker.SCHEMA, "token", TOKEN.encoded())),
                    Tracker.forToken(ballot, TOKEN).value());
            assertEquals(documented(Map.of("ballot", ballot, "schema", Tracker.SCHEMA, "batch", ballot + "/P\t1",
                    "item", 9_007_199_254_740_991L)), Tracker.forPaper(ballot, ballot + "/P\t1",
                    9_007_199_254_740_991L).value());
        }
    }

    /** The first 80 bits of SHA-256 over the input's RFC 8785 form, as Crockford base32 in groups of four. */
    private static String documented(Map<String, Object> input) {
        String symbols = Crockford.encode(Digest.sha256(CanonicalJson.bytes(input)).toBytes(), 16);
        return String.join("-", symbols.substring(0, 4), symbols.substring(4, 8), symbols.substring(8, 12),
                symbols.substring(12));
    }

    @Test
    void readsWhatAPersonTypes() {
        Tracker t = Tracker.forToken("ballot-1", TOKEN);
        String typed = t.value().replace("-", " ").toLowerCase().replace('0', 'o').replace('1', 'l');
        assertEquals(t, Tracker.parse(typed));
        assertThrows(IllegalArgumentException.class, () -> Tracker.parse("ABCD-EFGH"));
        assertThrows(IllegalArgumentException.class, () -> Tracker.parse("ABCD-EFGH-JKMN-PQRU"));
        assertThrows(IllegalArgumentException.class, () -> new Tracker(""));
    }

    @Test
    void hundredThousandRandomTokensGiveDistinctTrackers() {
        SecureRandom random = new SecureRandom();
        Set<Tracker> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(seen.add(Tracker.forToken("ballot-1", Token.random(random))));
        }
    }
}
