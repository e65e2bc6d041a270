package org.selectorate.devstack.mailbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MailServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private MailServer server;
    private Session session;

    @BeforeEach
    void start(@TempDir Path data) throws IOException {
        server = new MailServer(InetAddress.getLoopbackAddress(), 0, 0, data);
        server.start();
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", Integer.toString(server.smtpPort()));
        session = Session.getInstance(smtp);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void keepsEachCopyAndFindsItByRecipient() throws Exception {
        send("Your access code: Leeds Central", "code ABCD-EFGH", "ann@example.org", "Bob@Example.org");
        send("Your access code: Leeds Central", "code WXYZ-2345", "cat@example.org");

        JsonNode bob = get("/api/user/" + URLEncoder.encode("bob@example.org", StandardCharsets.UTF_8) + "/messages/INBOX");
        assertEquals(1, bob.size());
        assertEquals("Your access code: Leeds Central", bob.get(0).get("subject").asText());
        assertTrue(bob.get(0).get("mimeMessage").asText().contains("code ABCD-EFGH"));
        assertEquals(0, get("/api/user/nobody%40example.org/messages/INBOX").size());

        JsonNode stats = get("/api/stats?subject=Your%20access%20code");
        assertEquals(3, stats.get("messages").asLong());
        assertEquals(3, stats.get("recipients").asLong());
        assertEquals(0, stats.get("recipientsWithSeveral").asLong());
    }

    @Test
    void countsADoubledMailOut() throws Exception {
        send("Your access code: Leeds Central", "first", "ann@example.org");
        send("Your access code: Leeds Central", "again", "ann@example.org");
        send("A ballot was issued in your name", "issued", "ann@example.org");

        JsonNode codes = get("/api/stats?subject=Your%20access%20code");
        assertEquals(2, codes.get("messages").asLong());
        assertEquals(1, codes.get("recipientsWithSeveral").asLong());
        assertEquals(3, get("/api/stats").get("messages").asLong());
    }

    @Test
    void decodesAnEncodedSubject() throws Exception {
        send("Sélection à Hénon-le-Marché — a long title that the client folds over more than one header line",
                "body", "ann@example.org");
        JsonNode ann = get("/api/user/ann%40example.org/messages/INBOX");
        assertEquals("Sélection à Hénon-le-Marché — a long title that the client folds over more than one header line",
                ann.get(0).get("subject").asText());
    }

    @Test
    void refusesAnAddressThatCannotExistAndKeepsNothing() throws Exception {
        SendFailedException refused = assertThrows(SendFailedException.class,
                () -> send("Notice", "body", "rep@union.invalid"));
        assertTrue(refused.getMessage().startsWith("Invalid Addresses") || refused.getInvalidAddresses().length == 1,
                refused.getMessage());
        assertEquals(0, get("/api/stats").get("messages").asLong());
    }

    @Test
    void purgeForgetsEverything() throws Exception {
        send("Notice", "body", "ann@example.org");
        HttpResponse<String> purge = http.send(HttpRequest.newBuilder(api("/api/mail/purge"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, purge.statusCode());
        assertEquals(0, get("/api/user/ann%40example.org/messages/INBOX").size());
    }

    @Test
    void anUnknownApiPathIsAProblem() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(api("/api/nothing")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    }

    private void send(String subject, String text, String... to) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("no-reply@selectorate.test"));
        for (String address : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
        }
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        Transport.send(message);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(api(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + server.apiPort() + path);
    }
}
