package org.selectorate.tally.cast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.contracts.cast.CastSubmitted;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.support.keys.KeyVault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A cast is sealed wherever it travels or waits before its batch is mixed: on the casts topic and in
 * {@code pending_cast}. Both are read in arrival order by whoever operates the broker or the database, and a token
 * names its tracker, so its vote's place on the record: lined up with the order credentials were issued, clear casts
 * would pair members with votes. Sealed with the service's {@link KeyVault} (AES-256-GCM, key file outside the
 * database and the broker, the same file in every replica), bound to the ballot, and padded to the length of the
 * ballot's longest vote, so not even a sealed cast's size tells its vote. A held token is found again by its keyed
 * hash, never by the token.
 */
@ApplicationScoped
public class CastSeal {
    private final KeyVault vault;
    private final ObjectMapper json;

    public CastSeal(KeyVault vault, ObjectMapper json) {
        this.vault = vault;
        this.json = json;
    }

    /** The casts topic's record value: the cast sealed, base64url. {@code candidates}: the ballot's, for padding. */
    public String forTopic(CastSubmitted cast, List<String> candidates) {
        return Base64Url.encode(vault.seal(padded(cast, candidates), topicContext(cast.ballotId())));
    }

    /** The cast in a casts topic record of this ballot (its key); fails if it was not sealed for it with this key. */
    public CastSubmitted fromTopic(String ballotId, String value) {
        return read(vault.open(Base64Url.decode(value), topicContext(ballotId)));
    }

    /** A held cast, as {@code pending_cast} keeps it. */
    public byte[] forHold(CastSubmitted cast, List<String> candidates) {
        return vault.seal(padded(cast, candidates), heldContext(cast.ballotId()));
    }

    public CastSubmitted fromHold(String ballotId, byte[] sealed) {
        return read(vault.open(sealed, heldContext(ballotId)));
    }

    /**
     * The key a held token is de-duplicated and looked up by (HMAC-SHA-256 under the key file): the same token always
     * gives the same bytes, but a database reader can neither turn them back into the token nor test a token against
     * them. {@code token} canonical (base64url as the record writes it).
     */
    public byte[] tokenMac(String ballotId, String token) {
        return vault.mac(token.getBytes(StandardCharsets.UTF_8), "cast-token:" + ballotId);
    }

    // Different contexts: a blob from the topic does not open as a held cast, nor one ballot's as another's.
    private static String topicContext(String ballotId) {
        return "cast:" + ballotId;
    }

    private static String heldContext(String ballotId) {
        return "held-cast:" + ballotId;
    }

    /**
     * The cast's JSON, followed by spaces up to the length it would have with every candidate ranked: a valid vote
     * ranks some of them once each, so it is never longer, and every cast of the ballot seals to the same size.
     */
    private byte[] padded(CastSubmitted cast, List<String> candidates) {
        byte[] plain = write(cast);
        int longest = write(new CastSubmitted(cast.ballotId(), cast.token(), cast.prefix(), cast.signature(),
                candidates)).length;
        byte[] out = Arrays.copyOf(plain, Math.max(plain.length, longest));
        Arrays.fill(out, plain.length, out.length, (byte) ' ');
        return out;
    }

    private byte[] write(CastSubmitted cast) {
        try {
            return json.writeValueAsBytes(cast);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private CastSubmitted read(byte[] opened) {
        try {
            return json.readValue(opened, CastSubmitted.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("a sealed cast that opens but is not a cast", e);
        }
    }
}
