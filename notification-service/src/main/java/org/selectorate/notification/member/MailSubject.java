package org.selectorate.notification.member;

import java.util.regex.Pattern;

/**
 * A Subject header is one line. Titles are refused with line breaks where they are written (ballot-service), and
 * this keeps it so for whatever reaches a subject anyway: a line break or other control character in it would end
 * the header and start another (a bare LF once did), so each run of them becomes one space.
 */
public final class MailSubject {
    private static final Pattern BREAKS = Pattern.compile("[\\p{Cc}\\u2028\\u2029]+");

    private MailSubject() {
    }

    public static String of(String subject) {
        return subject == null ? "" : BREAKS.matcher(subject).replaceAll(" ").strip();
    }
}
