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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a member's mail from the platform's SMTP server (its mailbox API), as the member would. */
public final class Mailbox {
    private static final Pattern CODE = Pattern.compile("access code: ([0-9A-Z]{4}(?:-[0-9A-Z]{4})+)");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String api;

    public Mailbox(String api) {
        this.api = api;
    }

    /** The access code mailed to {@code email} for {@code ballotId}, waiting for delivery up to {@code timeout}. */
    public String accessCode(String email, String ballotId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<String> code = find(email, ballotId);
            if (code.isPresent()) {
                return code.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no access code reached " + email + " within " + timeout.toSeconds() + " s");
            }
            Api.sleep(500);
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

    /** How a mail-out went, counted in the SMTP server over the messages whose subject starts with {@code prefix}. */
    public record MailOut(long messages, long recipients, long duplicateMessageIds, long recipientsWithSeveral) {
    }

    public MailOut mailOut(String prefix) {
        JsonNode s = get("/api/stats?subject=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8).replace("+", "%20"));
        return new MailOut(s.path("messages").asLong(), s.path("recipients").asLong(),
                s.path("duplicateMessageIds").asLong(), s.path("recipientsWithSeveral").asLong());
    }

    private Optional<String> find(String email, String ballotId) {
        for (JsonNode m : messages(email)) {
            // Quoted-printable soft line breaks would split a code across lines.
            String raw = m.path("mimeMessage").asText().replace("=\r\n", "");
            if (raw.contains(ballotId)) {
                Matcher c = CODE.matcher(raw);
                if (c.find()) {
                    return Optional.of(c.group(1));
                }
            }
        }
        return Optional.empty();
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
