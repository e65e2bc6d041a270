package org.selectorate.integrity.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PaperNumberTest {
    /**
     * Computed outside Java: {@code printf '%s' 'selectorate-paper-number:7K3MQ9TX2WPDH5RB' | sha256sum}, so the
     * digest services keep for a paper is pinned to its documented form, not to whatever the code does today.
     */
    private static final String DIGEST_7K3M = "1007d7152f8637eda6f69d944bc4b8b3fcdbdc30975aa929fc3a94eb377ea01a";
    /** {@code printf '%s' 'selectorate-paper-number:0000000000000000' | sha256sum} */
    private static final String DIGEST_ZEROS = "6730c7b7d231a74afac8673696041b6e412861de9e1e6a8a86ba8e77a47b4b7f";

    @ParameterizedTest
    @ValueSource(strings = {"7K3M-Q9TX-2WPD-H5RB", "7K3MQ9TX2WPDH5RB", "7k3m-q9tx-2wpd-h5rb", " 7K3M Q9TX 2WPD H5RB ",
            "7K3M-Q9TX\t2WPD-H5RB"})
    void aTypedNumberIsForgivenCaseHyphensAndSpaces(String typed) {
        PaperNumber n = PaperNumber.read(typed);
        assertEquals("7K3M-Q9TX-2WPD-H5RB", n.grouped());
        assertEquals("7K3M-Q9TX-2WPD-H5RB", n.toString());
        assertEquals(PaperNumber.read("7K3MQ9TX2WPDH5RB"), n);
        assertEquals(DIGEST_7K3M, n.digest());
    }

    @Test
    void lookAlikesReadAsTheDigitsTheyResemble() {
        assertEquals(PaperNumber.read("0000-0000-0000-0000"), PaperNumber.read("OOOO-oooo-0O0o-0000"));
        assertEquals(DIGEST_ZEROS, PaperNumber.read("oooo oooo oooo oooo").digest());
        assertEquals(PaperNumber.read("1111-1111-1111-1111"), PaperNumber.read("IiLl-1111-lLiI-1111"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "7K3M-Q9TX-2WPD-H5R", "7K3M-Q9TX-2WPD-H5RBX", "7K3M-Q9TX-2WPD-H5RU",
            "7K3M_Q9TX_2WPD_H5RB", "7K3M-Q9TX-2WPD-H5R!", "7K3M-Q9TX-2WPD-H5RÉ", "----------------"})
    void wrongLengthOrCharactersAreRefusedWithTheForm(String typed) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PaperNumber.read(typed));
        assertTrue(e.getMessage().contains("16 letters and digits"), e.getMessage());
    }

    @Test
    void aRandomNumberReadsBackAsPrintedAndDigestsAsIts16Symbols() {
        SecureRandom random = new SecureRandom();
        PaperNumber a = PaperNumber.random(random);
        PaperNumber b = PaperNumber.random(random);
        assertTrue(a.grouped().matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}"), a.grouped());
        assertEquals(a, PaperNumber.read(a.grouped().toLowerCase()));
        assertEquals(a.hashCode(), PaperNumber.read(a.grouped()).hashCode());
        assertEquals(a.digest(), PaperNumber.read(a.grouped()).digest());
        assertNotEquals(a, b);
        assertNotEquals(a.digest(), b.digest());
        assertTrue(a.digest().matches("[0-9a-f]{64}"), a.digest());
    }
}
