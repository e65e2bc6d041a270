package org.selectorate.integrity.blind;

import java.nio.charset.StandardCharsets;
import org.selectorate.integrity.json.CanonicalJson;

/**
 * The only message a ballot's credential key signs: {@code JCS({"ballot":id,"schema":SCHEMA,"token":token})}.
 * Binding the ballot id and a protocol version makes a credential for one ballot worthless in any other, and
 * worthless to a later, incompatible protocol. There is no way to build one from arbitrary bytes.
 */
public final class CredentialMessage {
    public static final String SCHEMA = "selectorate-credential/1";

    private final String ballotId;
    private final Token token;

    private CredentialMessage(String ballotId, Token token) {
        this.ballotId = ballotId;
        this.token = token;
    }

    public static CredentialMessage of(String ballotId, Token token) {
        if (ballotId == null || ballotId.isBlank()) {
            throw new IllegalArgumentException("a credential needs a ballot id");
        }
        if (token == null) {
            throw new IllegalArgumentException("a credential needs a token");
        }
        return new CredentialMessage(ballotId, token);
    }

    public String ballotId() {
        return ballotId;
    }

    public Token token() {
        return token;
    }

    /** The signed bytes (before any RFC 9474 prefix), written member by member in canonical order. */
    byte[] bytes() {
        StringBuilder sb = new StringBuilder(128).append("{\"ballot\":");
        CanonicalJson.appendString(sb, ballotId);
        sb.append(",\"schema\":\"").append(SCHEMA).append("\",\"token\":");
        CanonicalJson.appendString(sb, token.encoded());
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}
