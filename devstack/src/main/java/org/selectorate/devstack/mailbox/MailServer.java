package org.selectorate.devstack.mailbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * The platform's SMTP server on one machine: a real SMTP listener (SubEthaSMTP) that accepts mail for
 * any address and keeps every copy, and a small HTTP API to read mailboxes and count what a mail-out
 * delivered. Addresses in the {@code .invalid} top-level domain (RFC 2606: it can never exist) are
 * refused with a permanent error, as a mail server refuses an unknown mailbox, so a failing address can
 * be set up on purpose.
 *
 * <pre>
 * GET  /api/user/{address}/messages/INBOX   the messages delivered to an address (subject, mimeMessage, ...)
 * GET  /api/stats?subject=PREFIX            counts: messages, recipients, duplicateMessageIds, recipientsWithSeveral
 * POST /api/mail/purge                      forgets every message
 * GET  /api/service/readiness               200 once both listeners are up
 * </pre>
 */
public final class MailServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessageStore store;
    private final SMTPServer smtp;
    private final HttpServer api;

    public MailServer(InetAddress host, int smtpPort, int apiPort, Path data) throws IOException {
        Files.createDirectories(data);
        this.store = new MessageStore(data.resolve("messages.eml"), Clock.systemUTC());
        this.smtp = SMTPServer.port(smtpPort).bindAddress(host).hostName(host.getHostAddress())
                .softwareName("Selectorate mailbox").maxConnections(200)
                .simpleMessageListener(new Listener()).build();
        this.api = HttpServer.create(new InetSocketAddress(host, apiPort), 64);
        api.setExecutor(Executors.newFixedThreadPool(8));
        api.createContext("/api/", this::handle);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("error: usage: MailServer HOST SMTP_PORT API_PORT DATA_DIR");
            System.exit(2);
        }
        MailServer server = new MailServer(InetAddress.getByName(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), Path.of(args[3]));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }

    public void start() {
        smtp.start();
        api.start();
    }

    public int smtpPort() {
        return smtp.getPortAllocated();
    }

    public int apiPort() {
        return api.getAddress().getPort();
    }

    @Override
    public void close() {
        api.stop(0);
        smtp.stop();
        try {
            store.close();
        } catch (IOException e) {
            // Closing at exit: nothing is left to save.
        }
    }

    static boolean refused(String recipient) {
        return recipient.toLowerCase(Locale.ROOT).endsWith(".invalid");
    }

    private final class Listener implements SimpleMessageListener {
        @Override
        public boolean accept(String from, String recipient) {
            return !refused(recipient);
        }

        @Override
        public void deliver(String from, String recipient, InputStream data) throws IOException {
            store.deliver(from, recipient, data.readAllBytes());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("/api/service/readiness")) {
                respond(exchange, 200, JSON.createObjectNode().put("ready", true));
            } else if (method.equals("GET") && path.startsWith("/api/user/") && path.endsWith("/messages/INBOX")) {
                String address = URLDecoder.decode(path.substring("/api/user/".length(),
                        path.length() - "/messages/INBOX".length()), StandardCharsets.UTF_8);
                respond(exchange, 200, mailbox(address));
            } else if (method.equals("GET") && path.equals("/api/stats")) {
                respond(exchange, 200, JSON.valueToTree(store.stats(query(exchange, "subject"))));
            } else if (method.equals("POST") && path.equals("/api/mail/purge")) {
                store.purge();
                respond(exchange, 200, JSON.createObjectNode().put("purged", true));
            } else {
                respond(exchange, 404, JSON.createObjectNode().put("title", "Not Found").put("status", 404)
                        .put("detail", method + " " + path + " is not part of the mailbox API"));
            }
        }
    }

    private ArrayNode mailbox(String address) {
        ArrayNode messages = JSON.createArrayNode();
        for (StoredMessage m : store.mailbox(address)) {
            ObjectNode node = messages.addObject();
            node.put("id", m.id());
            node.put("from", m.sender());
            node.put("to", m.recipient());
            node.put("subject", m.subject());
            node.put("messageId", m.messageId());
            node.put("receivedAt", m.receivedAt().toString());
            node.put("mimeMessage", new String(store.content(m), StandardCharsets.UTF_8));
        }
        return messages;
    }

    private static String query(HttpExchange exchange, String name) {
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return "";
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
