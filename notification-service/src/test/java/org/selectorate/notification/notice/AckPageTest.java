package org.selectorate.notification.notice;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AckPageTest {
    @Test
    void whatTheNoticeSaysIsEscapedSoItCannotBecomeMarkup() {
        UUID id = UUID.randomUUID();
        String page = AckPage.confirm(new NoticeViews.ToAcknowledge(id, "sel-1", null, "ballot-scheduled",
                "Ballot <script>alert(1)</script> & \"quotes\"", Instant.parse("2026-05-01T18:00:00Z"), null),
                "tok\"en");
        assertFalse(page.contains("<script>"), page);
        assertTrue(page.contains("Ballot &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"), page);
        assertTrue(page.contains("value=\"tok&quot;en\""), page);
        assertTrue(page.contains("action=\"/api/notifications/public/notices/" + id + "/ack\""), page);
        assertTrue(page.contains("1 May 2026 18:00 UTC"), page);
    }
}
