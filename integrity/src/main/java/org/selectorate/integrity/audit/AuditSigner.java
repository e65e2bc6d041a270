package org.selectorate.integrity.audit;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.selectorate.integrity.encoding.Base64Url;

/**
 * A service's private Ed25519 audit key: the only way to append to its audit chain. Each entry is hashed over its
 * content and its predecessor's hash, and the head after it is signed, so an entry cannot be edited, dropped or
 * moved without the key.
 */
public final class AuditSigner {
    private final PrivateKey key;
    private final AuditKey publicKey;

    private AuditSigner(PrivateKey key, AuditKey publicKey) {
        this.key = key;
        this.publicKey = publicKey;
    }

    public static AuditSigner generate(SecureRandom random) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
            gen.initialize(NamedParameterSpec.ED25519, random);
            var pair = gen.generateKeyPair();
            return new AuditSigner(pair.getPrivate(), new AuditKey(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a stored pair: the PKCS#8 private key and the published public key (Java 17 cannot derive one from
     * the other). A pair that does not belong together is refused.
     */
    public static AuditSigner fromKeys(byte[] pkcs8, String publicKeyBase64Url) {
        AuditSigner signer;
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            signer = new AuditSigner(key, AuditKey.fromEncoded(publicKeyBase64Url));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        }
        String probe = AuditHead.genesisHash("key-check", signer.publicKey).hex();
        if (!signer.publicKey.verify("key-check", 0, probe, signer.sign("key-check", 0, probe))) {
            throw new IllegalArgumentException("the private and public audit keys do not match");
        }
        return signer;
    }

    public byte[] pkcs8() {
        return key.getEncoded();
    }

    public AuditKey publicKey() {
        return publicKey;
    }

    /**
     * The entry after {@code head} recording {@code action} by {@code actor} at {@code time} (kept to the second).
     * The head must be this key's genesis or an entry it signed; the next head is {@link AuditEntry#head}.
     */
    public AuditEntry append(AuditHead head, AuditActor actor, AuditAction action, Instant time) {
        if (head.seq() == 0 && !head.hash().equals(AuditHead.genesisHash(head.service(), publicKey))) {
            throw new IllegalArgumentException("the chain of " + head.service() + " was not started with this key");
        }
        long seq = head.seq() + 1;
        String previous = head.hash().hex();
        String at = time.truncatedTo(ChronoUnit.SECONDS).toString();
        String hash = AuditEntry.hash(head.service(), seq, previous, action.scope(),
                AuditEntry.detailsHash(actor, action, at)).hex();
        return new AuditEntry(head.service(), seq, previous, actor, action, at, hash,
                sign(head.service(), seq, hash));
    }

    private String sign(String service, long seq, String hash) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(AuditHead.signingBytes(service, seq, hash));
            return Base64Url.encode(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
