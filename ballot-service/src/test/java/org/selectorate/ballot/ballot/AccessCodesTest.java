package org.selectorate.ballot.ballot;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessCodesTest {

    @Test
    void codesAreFourGroupsOfFourReadableSymbolsAndDoNotRepeat() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = AccessCodes.generate(random);
            assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}"), code);
            assertTrue(seen.add(code));
        }
    }

    @Test
    void aCodeTypedCarelesslyStillMatchesItsHash() {
        String code = "7K3M-Q9XB-2HRT-V0PD";
        String typed = " 7k3m q9xb 2hrt vOpd ";
        assertEquals("7K3MQ9XB2HRTV0PD", AccessCodes.normalise(typed));
        assertEquals(AccessCodes.hash(AccessCodes.normalise(code)), AccessCodes.hash(AccessCodes.normalise(typed)));
    }

    @Test
    void whatCannotBeACodeIsRefused() {
        assertNull(AccessCodes.normalise("7K3M-Q9XB-2HRT"));
        assertNull(AccessCodes.normalise("7K3M-Q9XB-2HRT-V0PU"));
        assertNull(AccessCodes.normalise(null));
        assertNull(AccessCodes.normalise("7K3M-Q9XB-2HRT-V0PD-AAAA"));
    }

    @Test
    void differentCodesHashDifferently() {
        assertTrue(!AccessCodes.hash("7K3MQ9XB2HRTV0PD").equals(AccessCodes.hash("7K3MQ9XB2HRTV0PE")));
        assertEquals(64, AccessCodes.hash("7K3MQ9XB2HRTV0PD").length());
    }
}
