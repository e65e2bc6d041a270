package org.selectorate.notification.webhook;

import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver for tests (JDK HTTP server on loopback) with its own Standard Webhooks verifier, written
 * apart from the service's signer. Paths under {@code /fail} answer 500, under {@code /gone} 410; everything else 204.
 */
public final class Receiver implements AutoCloseable {
    public record Request(String path, String id, String timestamp, String signature, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            requests.add(new Request(exchange.getRequestURI().getPath(), headers.getFirst("webhook-id"),
                    headers.getFirst("webhook-timestamp"), headers.getFirst("webhook-signature"),
                    new String(body, StandardCharsets.UTF_8)));
            String path = exchange.getRequestURI().getPath();
            exchange.sendResponseHeaders(path.startsWith("/fail") ? 500 : path.startsWith("/gone") ? 410 : 204, -1);
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Request> requests(String path) {
        List<Request> out = new ArrayList<>();
        requests.stream().filter(r -> r.path().equals(path)).forEach(out::add);
        return out;
    }

    /**
     * Standard Webhooks verification: the header holds space-separated {@code v1,<base64>} signatures; one must
     * equal HMAC-SHA256 over {@code id.timestamp.body} keyed with the secret's base64-decoded part.
     */
    public static boolean verify(String secret, String id, String timestamp, String body, String header) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.replaceFirst("^whsec_", ""));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String candidate : header.split(" ")) {
                String[] parts = candidate.split(",", 2);
                if (parts.length == 2 && parts[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
