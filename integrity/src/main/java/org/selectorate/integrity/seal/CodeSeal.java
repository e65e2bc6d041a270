package org.selectorate.integrity.seal;

import org.selectorate.integrity.encoding.Base64Url;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * A short secret (an access code) sealed for the one service that may read it: RSAES-OAEP (RFC 8017) with
 * SHA-256 and MGF1-SHA-256, a 3072-bit key. The label binds the purpose ({@code selectorate access code}), so a
 * ciphertext made for another use does not open as a code. The sender holds only the public key; whoever reads its
 * database, outbox or topic sees ciphertext.
 */
public final class CodeSeal {
    public static final int KEY_BITS = 3072;
    private static final byte[] LABEL = "selectorate access code".getBytes(StandardCharsets.US_ASCII);
    private static final OAEPParameterSpec OAEP = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
            new PSource.PSpecified(LABEL));

    private CodeSeal() {
    }

    /** A fresh key pair for the reader. */
    public static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key from its X.509 SubjectPublicKeyInfo encoding (base64url or base64, as stored in a key file). */
    public static RSAPublicKey publicKey(String encoded) {
        try {
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(decode(encoded)));
            requireSize(key.getModulus().bitLength());
            return key;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an RSA public key (X.509 SubjectPublicKeyInfo)", e);
        }
    }

    /** The private key from its PKCS#8 encoding (base64url or base64). */
    public static RSAPrivateCrtKey privateKey(String encoded) {
        try {
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(decode(encoded)));
            requireSize(key.getModulus().bitLength());
            return key;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an RSA private key (PKCS#8)", e);
        }
    }

    /** {@code code} sealed to {@code reader}, base64url. Each call gives a different ciphertext. */
    public static String seal(RSAPublicKey reader, String code) {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.ENCRYPT_MODE, reader, OAEP);
            return Base64Url.encode(cipher.doFinal(code.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /** The code in {@code sealed}; fails if it was sealed to another key, for another purpose, or altered. */
    public static String open(RSAPrivateCrtKey key, String sealed) {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, OAEP);
            return new String(cipher.doFinal(Base64Url.decode(sealed)), StandardCharsets.UTF_8);
        } catch (BadPaddingException | IllegalBlockSizeException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the sealed code does not open with this key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("opening failed", e);
        }
    }

    private static byte[] decode(String encoded) {
        String s = encoded.strip();
        return s.indexOf('+') >= 0 || s.indexOf('/') >= 0 || s.endsWith("=")
                ? java.util.Base64.getDecoder().decode(s) : Base64Url.decode(s);
    }

    private static void requireSize(int bits) throws GeneralSecurityException {
        if (bits < KEY_BITS) {
            throw new GeneralSecurityException("an RSA key for sealing codes must have at least " + KEY_BITS + " bits");
        }
    }
}
