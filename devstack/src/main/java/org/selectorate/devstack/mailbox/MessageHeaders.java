package org.selectorate.devstack.mailbox;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The header section of an RFC 5322 message: unfolded, names lower-cased, RFC 2047 words decoded. */
final class MessageHeaders {
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");

    private final Map<String, String> values;

    private MessageHeaders(Map<String, String> values) {
        this.values = values;
    }

    static MessageHeaders parse(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String section = end < 0 ? text : text.substring(0, end);
        Map<String, String> values = new LinkedHashMap<>();
        // A line starting with white space continues the previous header (RFC 5322 2.2.3).
        for (String field : section.split("\r\n(?![ \t])")) {
            int colon = field.indexOf(':');
            if (colon > 0) {
                String name = field.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = field.substring(colon + 1).replaceAll("\r\n[ \t]", " ").trim();
                values.putIfAbsent(name, decode(value));
            }
        }
        return new MessageHeaders(values);
    }

    String get(String name) {
        return values.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }

    /** RFC 2047: white space between adjacent encoded words is not part of the text. */
    static String decode(String value) {
        String joined = value.replaceAll("(\\?=)\\s+(=\\?)", "$1$2");
        Matcher m = ENCODED_WORD.matcher(joined);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Charset charset = Charset.forName(m.group(1));
            byte[] bytes = m.group(2).equalsIgnoreCase("B")
                    ? Base64.getDecoder().decode(m.group(3))
                    : quoted(m.group(3));
            m.appendReplacement(out, Matcher.quoteReplacement(new String(bytes, charset)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static byte[] quoted(String word) {
        byte[] out = new byte[word.length()];
        int n = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '_') {
                out[n++] = ' ';
            } else if (c == '=' && i + 2 < word.length()) {
                out[n++] = (byte) Integer.parseInt(word.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
