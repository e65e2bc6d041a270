package org.selectorate.notification.notice;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The small HTML pages behind a notice's acknowledgement link: the notice and a button whose form POSTs the token
 * back, then the outcome. Everything shown is escaped (a summary is free text from ballot-service).
 */
final class AckPage {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AckPage() {
    }

    /** The confirmation form; the token travels in the POST body. */
    static String confirm(NoticeViews.ToAcknowledge n, String token) {
        String action = "/api/notifications/public/notices/" + n.noticeId() + "/ack";
        String details = """
                <dl>
                  <dt>Notice</dt><dd>%s</dd>
                  <dt>Selection</dt><dd>%s</dd>
                  <dt>Ballot</dt><dd>%s</dd>
                  <dt>When</dt><dd>%s</dd>
                </dl>
                """.formatted(escape(n.summary()), escape(n.selectionId()),
                n.ballotId() == null ? "-" : escape(n.ballotId()), when(n.eventAt()));
        if (n.acknowledgedAt() != null) {
            return page("Notice already acknowledged", details
                    + "<p role=\"status\">You acknowledged this notice on " + when(n.acknowledgedAt()) + ".</p>\n");
        }
        return page("Acknowledge a selection notice", details + """
                <p>As a member of the selection committee you were sent this notice. Please confirm that you
                have received it.</p>
                <form method="post" action="%s">
                  <input type="hidden" name="token" value="%s">
                  <button type="submit">I have received this notice</button>
                </form>
                """.formatted(escape(action), escape(token)));
    }

    static String acknowledged(NoticeViews.Acknowledgement a) {
        return page("Notice acknowledged", "<p role=\"status\">Thank you. Your acknowledgement of \u201c"
                + escape(a.summary()) + "\u201d is recorded (" + when(a.acknowledgedAt()) + ").</p>\n");
    }

    /** A plain page for a link that is not valid or a notice that does not exist. */
    static String error(String title, String detail) {
        return page(title, "<p role=\"alert\">" + escape(detail) + "</p>\n");
    }

    private static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s - Selectorate</title>
                <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;\
                line-height:1.5}dt{font-weight:bold}button{font-size:1.1rem;padding:.6rem 1.2rem}\
                button:focus{outline:3px solid #1d70b8;outline-offset:2px}</style>
                </head>
                <body>
                <main>
                <h1>%s</h1>
                %s</main>
                </body>
                </html>
                """.formatted(escape(title), escape(title), body);
    }

    private static String when(Instant at) {
        return WHEN.format(at);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
