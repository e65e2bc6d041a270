package org.selectorate.integrity.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.selectorate.integrity.blind.Token;

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
