package org.selectorate.integrity.seal;

import org.selectorate.integrity.encoding.Base64Url;

import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Access codes sealed for the one service that may read them, by envelope: a minting batch (a ballot's opening, the
 * members a roll change added) draws a fresh AES-256 data key and wraps it once to the reader's RSA-3072 key
 * (RSAES-OAEP, RFC 8017, SHA-256 and MGF1-SHA-256); each code is then sealed under the data key with AES-256-GCM
 * (NIST SP 800-38D, 96-bit random nonce, 128-bit tag). The reader unwraps a batch's data key once and opens each
 * code at the cost of one AES-GCM decryption, instead of an RSA private-key operation per code (about 2.5 ms).
 * <p>
 * A sealed code is {@code c2.<wrapped data key>.<nonce || ciphertext || tag>}, both parts base64url. What binds it:
 * <ul>
 *     <li>the OAEP label {@code selectorate access code key/v2}: a key wrapped for another use does not unwrap;</li>
 *     <li>the GCM additional data, the purpose {@code selectorate access code/v2} and, length-prefixed, the ballot and
 *     the recipient the code is for: a ciphertext moved to another ballot's or another member's mail does not open.
 *     </li>
 * </ul>
 * The sender holds only the public key; whoever reads its database, outbox or topic sees ciphertext. Codes sealed
 * by the earlier scheme (RSA-OAEP per code, no prefix) are refused, naming the reason.
 */
public final class CodeSeal {
    public static final int KEY_BITS = 3072;
    static final String PREFIX = "c2.";
    private static final int DATA_KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** SP 800-38D 8.3: random 96-bit nonces, at most 2^32 encryptions under one key. */
    private static final long MAX_SEALS_PER_KEY = 1L << 32;
    private static final byte[] PURPOSE = "selectorate access code/v2".getBytes(StandardCharsets.US_ASCII);
    private static final OAEPParameterSpec OAEP = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
            new PSource.PSpecified("selectorate access code key/v2".getBytes(StandardCharsets.US_ASCII)));

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

    /** A minting batch: a fresh data key, wrapped to {@code reader} (one RSA public-key operation). */
    public static Sealer sealer(RSAPublicKey reader, SecureRandom random) {
        byte[] dataKey = new byte[DATA_KEY_BYTES];
        random.nextBytes(dataKey);
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.ENCRYPT_MODE, reader, OAEP, random);
            return new Sealer(dataKey, cipher.doFinal(dataKey), random);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("wrapping the data key failed", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** Seals one batch's codes under its data key. Thread-safe. */
    public static final class Sealer {
        private final SecretKeySpec key;
        private final String wrapped;
        private final SecureRandom random;
        private final AtomicLong sealed = new AtomicLong();

        private Sealer(byte[] dataKey, byte[] wrapped, SecureRandom random) {
            this.key = new SecretKeySpec(dataKey, "AES");
            this.wrapped = Base64Url.encode(wrapped);
            this.random = random;
        }

        /**
         * {@code code} sealed for the mail of {@code recipient} about {@code ballotId}; each call gives a different
         * ciphertext.
         */
        public String seal(String code, String ballotId, String recipient) {
            if (sealed.incrementAndGet() > MAX_SEALS_PER_KEY) {
                throw new IllegalStateException("a data key seals at most 2^32 codes: start another batch");
            }
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            return sealWith(key, wrapped, nonce, Objects.requireNonNull(code, "code"), ballotId, recipient);
        }
    }

    /** The deterministic core of {@link Sealer#seal}, for known-answer tests. */
    static String sealWith(SecretKeySpec key, String wrapped, byte[] nonce, String code, String ballotId,
                           String recipient) {
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(aad(ballotId, recipient));
            byte[] ciphertext = gcm.doFinal(code.getBytes(StandardCharsets.UTF_8));
            byte[] body = ByteBuffer.allocate(NONCE_BYTES + ciphertext.length).put(nonce).put(ciphertext).array();
            return PREFIX + wrapped + "." + Base64Url.encode(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /**
     * Opens sealed codes with the reader's private key, unwrapping each batch's data key once: the last
     * {@code cachedKeys} data keys are kept (a ballot's opening is one batch, so a handful covers every ballot whose
     * codes are going out at once). Thread-safe.
     */
    public static final class Opener {
        private final RSAPrivateCrtKey key;
        private final Map<String, SecretKeySpec> dataKeys;

        public Opener(RSAPrivateCrtKey key, int cachedKeys) {
            if (cachedKeys < 1) {
                throw new IllegalArgumentException("cachedKeys must be positive");
            }
            this.key = Objects.requireNonNull(key, "key");
            this.dataKeys = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, SecretKeySpec> eldest) {
                    return size() > cachedKeys;
                }
            };
        }

        /**
         * The code in {@code sealed}; fails if it was sealed to another key, for another purpose, for another ballot
         * or recipient, or altered, or by the earlier RSA-per-code scheme.
         */
        public String open(String sealed, String ballotId, String recipient) {
            if (sealed == null || !sealed.startsWith(PREFIX)) {
                throw new IllegalArgumentException(sealed != null && sealed.indexOf('.') < 0
                        ? "the code was sealed by RSA alone, as before envelope sealing (c2): it is not opened; "
                        + "issue it again" : "not a sealed access code");
            }
            int dot = sealed.indexOf('.', PREFIX.length());
            if (dot < 0) {
                throw new IllegalArgumentException("not a sealed access code");
            }
            SecretKeySpec dataKey = dataKey(sealed.substring(PREFIX.length(), dot));
            byte[] body = Base64Url.decode(sealed.substring(dot + 1));
            if (body.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new IllegalArgumentException("the sealed code is cut short");
            }
            try {
                Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
                gcm.init(Cipher.DECRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, body, 0, NONCE_BYTES));
                gcm.updateAAD(aad(ballotId, recipient));
                return new String(gcm.doFinal(body, NONCE_BYTES, body.length - NONCE_BYTES), StandardCharsets.UTF_8);
            } catch (AEADBadTagException e) {
                throw new IllegalArgumentException(
                        "the sealed code does not open: altered, or sealed for another ballot or recipient", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("opening failed", e);
            }
        }

        private SecretKeySpec dataKey(String wrapped) {
            synchronized (dataKeys) {
                SecretKeySpec cached = dataKeys.get(wrapped);
                if (cached != null) {
                    return cached;
                }
            }
            SecretKeySpec unwrapped = unwrap(wrapped);
            synchronized (dataKeys) {
                dataKeys.put(wrapped, unwrapped);
            }
            return unwrapped;
        }

        private SecretKeySpec unwrap(String wrapped) {
            byte[] dataKey = null;
            try {
                Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
                cipher.init(Cipher.DECRYPT_MODE, key, OAEP);
                dataKey = cipher.doFinal(Base64Url.decode(wrapped));
                if (dataKey.length != DATA_KEY_BYTES) {
                    throw new IllegalArgumentException("the wrapped data key is not " + DATA_KEY_BYTES + " bytes");
                }
                return new SecretKeySpec(dataKey, "AES");
            } catch (BadPaddingException | IllegalBlockSizeException e) {
                throw new IllegalArgumentException(
                        "the data key does not unwrap with this key (another key, another purpose, or altered)", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("unwrapping failed", e);
            } finally {
                if (dataKey != null) {
                    Arrays.fill(dataKey, (byte) 0);
                }
            }
        }
    }

    /** The purpose, then the ballot and the recipient, each as a 4-byte big-endian length and its UTF-8 bytes. */
    private static byte[] aad(String ballotId, String recipient) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        out.writeBytes(PURPOSE);
        for (String part : new String[]{Objects.requireNonNull(ballotId, "ballotId"),
                Objects.requireNonNull(recipient, "recipient")}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
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
