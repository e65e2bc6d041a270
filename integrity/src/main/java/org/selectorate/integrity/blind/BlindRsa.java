package org.selectorate.integrity.blind;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import javax.crypto.Cipher;

/**
 * The RFC 9474 §4 operations on bytes. Randomness comes in as arguments so the Appendix A vectors can be
 * replayed; the public classes of this package draw it from a SecureRandom and never expose these.
 */
final class BlindRsa {
    private static final PSSParameterSpec PSS = new PSSParameterSpec(BlindRsaVariant.HASH, "MGF1",
            MGF1ParameterSpec.SHA384, BlindRsaVariant.SALT_LENGTH, PSSParameterSpec.TRAILER_FIELD_BC);

    private BlindRsa() {
    }

    /** The client's Blind step: EMSA-PSS-encode, then multiply by r^e. */
    static Blinded blind(RSAPublicKey pk, byte[] inputMsg, byte[] salt, BigInteger r) {
        BigInteger n = pk.getModulus();
        byte[] encoded = emsaPssEncode(inputMsg, n.bitLength() - 1, salt);
        BigInteger m = new BigInteger(1, encoded);
        // One inversion does the RFC's co-prime check and r's inverse (each costs about one): m·r is invertible
        // modulo n exactly when m and r both are, and then r^-1 = (m·r)^-1 · m.
        BigInteger inv;
        try {
            inv = m.multiply(r).mod(n).modInverse(n).multiply(m).mod(n);
        } catch (ArithmeticException notInvertible) {
            if (!m.gcd(n).equals(BigInteger.ONE)) {
                throw new IllegalStateException("invalid input: message not co-prime with the modulus");
            }
            throw notInvertible; // r shares a factor with n
        }
        BigInteger x = r.modPow(pk.getPublicExponent(), n);
        BigInteger z = m.multiply(x).mod(n);
        return new Blinded(i2osp(z, modulusLength(pk)), inv);
    }

    /** The server's BlindSign step, with the RFC's check of the result against the public key. */
    static byte[] blindSign(RSAPrivateCrtKey sk, RSAPublicKey pk, byte[] blindedMsg) {
        int k = modulusLength(pk);
        if (blindedMsg.length != k) {
            throw new IllegalArgumentException("blinded message must be " + k + " bytes");
        }
        BigInteger m = new BigInteger(1, blindedMsg);
        if (m.compareTo(pk.getModulus()) >= 0) {
            throw new IllegalArgumentException("blinded message out of range");
        }
        byte[] s;
        try {
            // The JDK's raw RSA private operation uses CRT and blinding against timing attacks.
            Cipher rsa = Cipher.getInstance("RSA/ECB/NoPadding");
            rsa.init(Cipher.DECRYPT_MODE, sk);
            s = rsa.doFinal(blindedMsg);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA private operation failed", e);
        }
        BigInteger sig = new BigInteger(1, s);
        if (!sig.modPow(pk.getPublicExponent(), pk.getModulus()).equals(m)) {
            throw new IllegalStateException("signing failure: result does not verify");
        }
        return i2osp(sig, k);
    }

    /** The client's Finalize step: unblind and check the result is a valid RSASSA-PSS signature. */
    static byte[] finalize(RSAPublicKey pk, byte[] inputMsg, byte[] blindSig, BigInteger inv) {
        int k = modulusLength(pk);
        if (blindSig.length != k) {
            throw new IllegalArgumentException("blind signature must be " + k + " bytes");
        }
        BigInteger z = new BigInteger(1, blindSig);
        if (z.compareTo(pk.getModulus()) >= 0) {
            throw new IllegalArgumentException("blind signature out of range");
        }
        byte[] sig = i2osp(z.multiply(inv).mod(pk.getModulus()), k);
        if (!verify(pk, inputMsg, sig)) {
            throw new IllegalStateException("invalid signature: the signer's answer does not verify");
        }
        return sig;
    }

    /** RSASSA-PSS-VERIFY with SHA-384, MGF1-SHA-384, 48-byte salt: the JDK's own implementation. */
    static boolean verify(RSAPublicKey pk, byte[] inputMsg, byte[] sig) {
        return verify(verifier(pk), pk, inputMsg, sig);
    }

    /**
     * A JDK RSASSA-PSS engine with this scheme's parameters, ready to verify under {@code pk}, again and again;
     * null if the JDK refuses the key, under which nothing verifies.
     */
    static Signature verifier(RSAPublicKey pk) {
        Signature verifier;
        try {
            verifier = Signature.getInstance("RSASSA-PSS");
            verifier.setParameter(PSS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        try {
            verifier.initVerify(pk);
            return verifier;
        } catch (InvalidKeyException e) {
            return null;
        }
    }

    /**
     * RSASSA-PSS-VERIFY on an engine from {@link #verifier} for {@code pk}; the engine is left as initialised, for
     * the next signature.
     */
    static boolean verify(Signature verifier, RSAPublicKey pk, byte[] inputMsg, byte[] sig) {
        if (verifier == null || sig.length != modulusLength(pk)) {
            return false;
        }
        try {
            verifier.update(inputMsg);
            return verifier.verify(sig);
        } catch (SignatureException e) {
            try {
                verifier.initVerify(pk); // a refused signature may leave input behind
            } catch (InvalidKeyException cannot) {
                throw new IllegalStateException(cannot);
            }
            return false;
        }
    }

    /** EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with SHA-384 and an explicit salt. */
    static byte[] emsaPssEncode(byte[] msg, int emBits, byte[] salt) {
        int hLen = BlindRsaVariant.HASH_LENGTH;
        int emLen = (emBits + 7) / 8;
        if (emLen < hLen + salt.length + 2) {
            throw new IllegalArgumentException("encoding error: modulus too small");
        }
        MessageDigest md = sha384();
        byte[] mHash = md.digest(msg);
        md.update(new byte[8]);
        md.update(mHash);
        md.update(salt);
        byte[] h = md.digest();
        byte[] db = new byte[emLen - hLen - 1];
        db[db.length - salt.length - 1] = 0x01;
        System.arraycopy(salt, 0, db, db.length - salt.length, salt.length);
        byte[] mask = mgf1(h, db.length);
        for (int i = 0; i < db.length; i++) {
            db[i] ^= mask[i];
        }
        db[0] &= (byte) (0xff >>> (8 * emLen - emBits));
        byte[] em = new byte[emLen];
        System.arraycopy(db, 0, em, 0, db.length);
        System.arraycopy(h, 0, em, db.length, hLen);
        em[emLen - 1] = (byte) 0xbc;
        return em;
    }

    private static byte[] mgf1(byte[] seed, int length) {
        MessageDigest md = sha384();
        byte[] out = new byte[length];
        for (int counter = 0, off = 0; off < length; counter++) {
            md.update(seed);
            md.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8),
                    (byte) counter});
            byte[] block = md.digest();
            int n = Math.min(block.length, length - off);
            System.arraycopy(block, 0, out, off, n);
            off += n;
        }
        return out;
    }

    static int modulusLength(RSAPublicKey pk) {
        return (pk.getModulus().bitLength() + 7) / 8;
    }

    /** I2OSP (RFC 8017 §4.1). */
    static byte[] i2osp(BigInteger x, int length) {
        byte[] raw = x.toByteArray();
        if (raw.length == length) {
            return raw;
        }
        byte[] out = new byte[length];
        if (raw.length > length) {
            if (raw.length == length + 1 && raw[0] == 0) {
                System.arraycopy(raw, 1, out, 0, length);
                return out;
            }
            throw new IllegalArgumentException("integer too large");
        }
        System.arraycopy(raw, 0, out, length - raw.length, raw.length);
        return out;
    }

    static MessageDigest sha384() {
        try {
            return MessageDigest.getInstance(BlindRsaVariant.HASH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What Blind returns: the blinded message for the signer and the unblinding inverse kept by the client. */
    record Blinded(byte[] blindedMsg, BigInteger inv) {
    }
}
