package org.selectorate.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a member's mail from the platform's SMTP server (its mailbox API), as the member would. */
public final class Mailbox {
    private static final Pattern ACK_LINK = Pattern.compile("(/api/notifications/public/notices/[0-9a-zA-Z-]+/ack\\?token=[A-Za-z0-9_-]+)");
    private static final Pattern QUOTED = Pattern.compile("=([0-9A-F]{2})");
    private static final Pattern CODE = Pattern.compile("access code: ([0-9A-Z]{4}(?:-[0-9A-Z]{4})+)");
    private static final Pattern VOTE_LINK = Pattern.compile("(https?://\\S+/vote/[0-9a-f-]{36}#code=[0-9A-Z-]+)");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String api;

    public Mailbox(String api) {
        this.api = api;
    }

    /** The access code mailed to {@code email} for {@code ballotId}, waiting for delivery up to {@code timeout}. */
    public String accessCode(String email, String ballotId, Duration timeout) {
        return await(email, ballotId, CODE, timeout);
    }

    /** The vote page's link (the code in its fragment) mailed to {@code email} for {@code ballotId}. */
    public String voteLink(String email, String ballotId, Duration timeout) {
        return await(email, ballotId, VOTE_LINK, timeout);
    }

    private String await(String email, String ballotId, Pattern pattern, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<String> code = find(email, ballotId, pattern);
            if (code.isPresent()) {
                return code.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no access code reached " + email + " within " + timeout.toSeconds() + " s");
            }
            // A voter checks their mail now and then; polling faster only loads the SMTP server being measured.
            Api.sleep(1000);
        }
    }

    /** How many messages {@code email} has received whose subject starts with {@code prefix}. */
    public long count(String email, String prefix) {
        long n = 0;
        for (JsonNode m : messages(email)) {
            if (m.path("subject").asText().startsWith(prefix)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The acknowledgement links (gateway paths) in the notices {@code email} has received. A GET of one shows the
     * notice's page; a POST of it acknowledges.
     */
    public List<String> acknowledgementLinks(String email) {
        List<String> links = new ArrayList<>();
        for (JsonNode m : messages(email)) {
            Matcher link = ACK_LINK.matcher(decoded(m));
            while (link.find()) {
                links.add(link.group(1));
            }
        }
        return links;
    }

    /** How a mail-out went, counted in the SMTP server over the messages whose subject starts with {@code prefix}. */
    public record MailOut(long messages, long recipients, long duplicateMessageIds, long recipientsWithSeveral) {
    }

    /** The mail-out counted once a second until {@code done} holds of it or {@code timeout} passes: the last count. */
    public MailOut awaitMailOut(String prefix, Predicate<MailOut> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        MailOut m = mailOut(prefix);
        while (!done.test(m) && Instant.now().isBefore(deadline)) {
            Api.sleep(1000);
            m = mailOut(prefix);
        }
        return m;
    }

    public MailOut mailOut(String prefix) {
        JsonNode s = get("/api/stats?subject=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8).replace("+", "%20"));
        return new MailOut(s.path("messages").asLong(), s.path("recipients").asLong(),
                s.path("duplicateMessageIds").asLong(), s.path("recipientsWithSeveral").asLong());
    }

    private Optional<String> find(String email, String ballotId, Pattern pattern) {
        for (JsonNode m : messages(email)) {
            String raw = decoded(m);
            if (raw.contains(ballotId)) {
                Matcher c = pattern.matcher(raw);
                if (c.find()) {
                    return Optional.of(c.group(1));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The message with quoted-printable undone, if it was sent so: soft line breaks would split a code, and "=" is
     * sent as "=3D". A message in 7bit is left alone, or "token=60" would read as "token`".
     */
    private static String decoded(JsonNode message) {
        String raw = message.path("mimeMessage").asText();
        if (!raw.toLowerCase(java.util.Locale.ROOT).contains("content-transfer-encoding: quoted-printable")) {
            return raw;
        }
        raw = raw.replace("=\r\n", "");
        Matcher escape = QUOTED.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (escape.find()) {
            escape.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(escape.group(1), 16))));
        }
        return escape.appendTail(out).toString();
    }

    private JsonNode messages(String email) {
        return get("/api/user/" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/INBOX");
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Api.JSON.readTree(r.body()) : Api.JSON.createArrayNode();
        } catch (IOException e) {
            throw new IllegalStateException("the mail server's API is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
