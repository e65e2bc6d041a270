package org.selectorate.integrity.record;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.encoding.Ed25519Keys;
import org.selectorate.integrity.hash.Digest;

/** The public Ed25519 key of a ballot's record, published as base64url of its 32 raw bytes (RFC 8032). */
public final class TreeHeadKey {
    private final PublicKey key;
    private final byte[] raw;

    TreeHeadKey(PublicKey key) {
        this.key = key;
        this.raw = Ed25519Keys.raw(key);
    }

    public static TreeHeadKey fromEncoded(String base64url) {
        return new TreeHeadKey(Ed25519Keys.decode(base64url));
    }

    public String encoded() {
        return Base64Url.encode(raw);
    }

    /** SHA-256 of the raw key, in hex. */
    public String fingerprint() {
        return Digest.sha256(raw).hex();
    }

    public boolean verify(SignedTreeHead signed) {
        try {
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(key);
            v.update(signed.head().signingBytes());
            return v.verify(Base64Url.decode(signed.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
