package org.selectorate.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;

/** The platform's HTTP API through the gateway, as an admin tool or a voter's client would call it. */
public final class Api {
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    /** How long a {@link #login} token is used before a fresh one is fetched. */
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "api-client");
                t.setDaemon(true);
                return t;
            })).build();
    private final String gateway;
    private final String issuer;
    private final String clientSecret;

    /** {@code clientSecret}: of the password-grant client {@code selectorate-services}, made per platform home. */
    public Api(String gateway, String issuer, String clientSecret) {
        this.gateway = gateway;
        this.issuer = issuer;
        this.clientSecret = clientSecret;
    }

    /** A response: status and JSON (or text) body. */
    public record Reply(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        public Reply expect(int... ok) {
            for (int s : ok) {
                if (status == s) {
                    return this;
                }
            }
            throw new ApiException(this);
        }
    }

    /** An unexpected answer; its message is the problem detail the platform gave. */
    public static final class ApiException extends RuntimeException {
        private final transient Reply reply;

        ApiException(Reply reply) {
            super("HTTP " + reply.status() + ": " + reply.body());
            this.reply = reply;
        }

        public Reply reply() {
            return reply;
        }
    }

    public String token(String user, String password) {
        String form = "grant_type=password&client_id=selectorate-services&client_secret="
                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)
                + "&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        Reply r = send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        return r.expect(200).json().get("access_token").asText();
    }

    /**
     * A user's access token, fetched again once it is ten minutes old: the realm's tokens live 30 minutes, and a
     * national bench outlives the first (its close was refused 401 after a 25-minute opening and voting).
     */
    public Supplier<String> login(String user, String password) {
        return new Supplier<>() {
            private String token;
            private long fetchedAt;

            @Override
            public synchronized String get() {
                if (token == null || System.nanoTime() - fetchedAt > TOKEN_REUSE.toNanos()) {
                    token = token(user, password);
                    fetchedAt = System.nanoTime();
                }
                return token;
            }
        };
    }

    public Reply get(String token, String path) {
        return send(request(token, path).GET().build());
    }

    public Reply post(String token, String path, Object body) {
        return send(request(token, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))).build());
    }

    /** As {@link #post(String, String, Object)}, for a call that may take up to {@code timeout} (a national roll's freeze). */
    public Reply post(String token, String path, Object body, Duration timeout) {
        return send(request(token, path).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))).build());
    }

    public Reply put(String token, String path, Object body) {
        return send(request(token, path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(body))).build());
    }

    public Reply delete(String token, String path) {
        return send(request(token, path).DELETE().build());
    }

    /** A response whose body is a document (a PDF of ballot papers): status and bytes. */
    public record Document(int status, byte[] bytes) {
        public byte[] expect(int ok) {
            if (status != ok) {
                throw new ApiException(new Reply(status, new String(bytes, StandardCharsets.UTF_8)));
            }
            return bytes;
        }
    }

    /** Posts JSON and reads the answer as bytes: papers to print come back as a PDF, a refusal as a problem. */
    public Document postForDocument(String token, String path, Object body) {
        HttpRequest request = request(token, path).header("Content-Type", "application/json")
                .header("Accept", "application/pdf, application/json;q=0.5")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))).build();
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Document(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Gets a document into {@code file} as it arrives, never held whole (a national record is hundreds of MB); on
     * another status than {@code ok} the body is the problem and is thrown.
     */
    public long download(String token, String path, java.nio.file.Path file, Duration timeout, int ok) {
        HttpRequest request = request(token, path).timeout(timeout).GET().build();
        try {
            HttpResponse<java.nio.file.Path> r = http.send(request, HttpResponse.BodyHandlers.ofFile(file));
            if (r.statusCode() != ok) {
                throw new ApiException(new Reply(r.statusCode(), java.nio.file.Files.readString(file)));
            }
            return java.nio.file.Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public Reply postText(String token, String path, String contentType, String body) {
        return send(request(token, path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * Repeats a call while it answers one of {@code retryOn} (e.g. 404 or 409 while an event is still
     * travelling between services), up to {@code timeout}.
     */
    public Reply until(java.util.function.Supplier<Reply> call, Set<Integer> retryOn, Duration timeout) {
        return until(call, retryOn, timeout, Duration.ofMillis(250));
    }

    /** {@link #until(java.util.function.Supplier, Set, Duration)}, asking again every {@code every}. */
    public Reply until(java.util.function.Supplier<Reply> call, Set<Integer> retryOn, Duration timeout, Duration every) {
        Instant deadline = Instant.now().plus(timeout);
        Reply r = call.get();
        while (retryOn.contains(r.status()) && Instant.now().isBefore(deadline)) {
            sleep(every.toMillis());
            r = call.get();
        }
        return r;
    }

    private HttpRequest.Builder request(String token, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(60));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    /**
     * Posts a body read from {@code body} as it is sent (chunked, never held whole), for an upload as large as a
     * national roll; the call may take as long as {@code timeout}. {@code meanwhile} runs every few seconds until
     * the answer comes (to report progress).
     */
    public Reply postStream(String token, String path, String contentType, java.util.function.Supplier<java.io.InputStream> body,
                            Duration timeout, Runnable meanwhile) {
        HttpRequest request = request(token, path).timeout(timeout).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(body)).build();
        var answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            while (true) {
                try {
                    HttpResponse<String> r = answer.get(3, java.util.concurrent.TimeUnit.SECONDS);
                    return new Reply(r.statusCode(), r.body());
                } catch (java.util.concurrent.TimeoutException stillSending) {
                    meanwhile.run();
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(request.uri() + " unreachable: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
