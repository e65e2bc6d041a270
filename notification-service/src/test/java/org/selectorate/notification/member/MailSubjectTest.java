package org.selectorate.notification.member;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MailSubjectTest {
    @Test
    void aSubjectStaysOneLine() {
        assertEquals("Ballot opened: Leeds North", MailSubject.of("Ballot opened: Leeds North"));
        assertEquals("Leeds Bcc: everyone@example.org", MailSubject.of("Leeds\nBcc: everyone@example.org"));
        assertEquals("Leeds Bcc: x@example.org", MailSubject.of("Leeds\r\nBcc: x@example.org"));
        assertEquals("Leeds X", MailSubject.of("Leeds\rX"));
        assertEquals("Leeds", MailSubject.of("\nLeeds\n"));
    }

    @Test
    void otherControlCharactersAndUnicodeLineBreaksGoToo() {
        assertEquals("a b c d e f", MailSubject.of("a\u0000b\tc\u0085d\u2028e\u2029f"));
        assertEquals("", MailSubject.of(null));
    }
}
