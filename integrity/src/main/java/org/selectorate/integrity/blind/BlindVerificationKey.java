package org.selectorate.integrity.blind;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.hash.Digest;

/**
 * A ballot's public credential key (published at opening) with its RFC 9474 variant. Clients blind with it;
 * the tally service and the verifier check credentials with it.
 */
public final class BlindVerificationKey {
    /** RFC 9474 and this platform's floor. */
    public static final int MIN_MODULUS_BITS = 2048;

    private final RSAPublicKey key;
    private final BlindRsaVariant variant;
    /** One JDK engine per thread, set up for this key once rather than for every credential checked. */
    private final ThreadLocal<Signature> verifiers;

    BlindVerificationKey(RSAPublicKey key, BlindRsaVariant variant) {
        int bits = key.getModulus().bitLength();
        if (bits < MIN_MODULUS_BITS) {
            throw new IllegalArgumentException("RSA modulus of " + bits + " bits; at least " + MIN_MODULUS_BITS
                    + " required");
        }
        BigInteger e = key.getPublicExponent();
        if (!e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0) {
            throw new IllegalArgumentException("RSA public exponent must be odd and at least 3");
        }
        this.key = key;
        this.variant = variant;
        this.verifiers = ThreadLocal.withInitial(() -> BlindRsa.verifier(key));
    }

    /** Reads a key from its base64url SubjectPublicKeyInfo (DER), as published in the record. */
    public static BlindVerificationKey fromEncoded(BlindRsaVariant variant, String spkiBase64Url) {
        try {
            KeyFactory kf = KeyFactory.getInstance("RSA");
            return new BlindVerificationKey(
                    (RSAPublicKey) kf.generatePublic(new X509EncodedKeySpec(Base64Url.decode(spkiBase64Url))),
                    variant);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an RSA public key: " + e.getMessage(), e);
        }
    }

    /** Base64url of the SubjectPublicKeyInfo DER, which WebCrypto's importKey("spki") reads too. */
    public String encoded() {
        return Base64Url.encode(key.getEncoded());
    }

    /** SHA-256 of the SubjectPublicKeyInfo, in hex: what people compare with the key announced at opening. */
    public String fingerprint() {
        return Digest.sha256(key.getEncoded()).hex();
    }

    public BlindRsaVariant variant() {
        return variant;
    }

    public int modulusBits() {
        return key.getModulus().bitLength();
    }

    /** The client's Prepare and Blind steps for a credential message; keep the session to finalise. */
    public BlindingSession blind(CredentialMessage message, SecureRandom random) {
        byte[] prefix = null;
        byte[] input = message.bytes();
        if (variant.randomized()) {
            prefix = new byte[BlindRsaVariant.PREFIX_LENGTH];
            random.nextBytes(prefix);
            input = concat(prefix, input);
        }
        byte[] salt = new byte[BlindRsaVariant.SALT_LENGTH];
        random.nextBytes(salt);
        while (true) {
            BigInteger r = new BigInteger(key.getModulus().bitLength(), random);
            if (r.signum() == 0 || r.compareTo(key.getModulus()) >= 0) {
                continue;
            }
            try {
                return new BlindingSession(this, input, prefix, BlindRsa.blind(key, input, salt, r));
            } catch (ArithmeticException rNotInvertible) {
                // r shares a factor with n (as likely as factoring n by chance): draw another
            }
        }
    }

    /** RFC 9474 Verify: is {@code credential} a valid signature on {@code message} under this key? */
    public boolean verify(CredentialMessage message, Credential credential) {
        if (variant.randomized() != (credential.prefix() != null)) {
            return false;
        }
        byte[] input = concat(credential.prefixBytes(), message.bytes());
        return BlindRsa.verify(verifiers.get(), key, input, credential.signatureBytes());
    }

    RSAPublicKey rsaKey() {
        return key;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
