package org.selectorate.integrity.blind;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;

/** A ballot's private credential key, held by the issuer (ballot-service): one per ballot. */
public final class BlindSigningKey {
    private final RSAPrivateCrtKey privateKey;
    private final BlindVerificationKey publicKey;

    private BlindSigningKey(RSAPrivateCrtKey privateKey, BlindRsaVariant variant) {
        this.privateKey = privateKey;
        try {
            RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            this.publicKey = new BlindVerificationKey(pub, variant);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh key pair with public exponent 65537; {@code modulusBits} at least 2048. */
    public static BlindSigningKey generate(int modulusBits, BlindRsaVariant variant, SecureRandom random) {
        if (modulusBits < BlindVerificationKey.MIN_MODULUS_BITS) {
            throw new IllegalArgumentException("at least " + BlindVerificationKey.MIN_MODULUS_BITS + " bits");
        }
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(new RSAKeyGenParameterSpec(modulusBits, RSAKeyGenParameterSpec.F4), random);
            KeyPair pair = gen.generateKeyPair();
            return new BlindSigningKey((RSAPrivateCrtKey) pair.getPrivate(), variant);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a stored PKCS#8 private key. */
    public static BlindSigningKey fromPkcs8(byte[] pkcs8, BlindRsaVariant variant) {
        try {
            return new BlindSigningKey((RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8)), variant);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an RSA CRT private key", e);
        }
    }

    /** Built from the factors, for replaying published test vectors. */
    static BlindSigningKey fromFactors(BigInteger p, BigInteger q, BigInteger e, BlindRsaVariant variant) {
        BigInteger n = p.multiply(q);
        BigInteger d = e.modInverse(p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE)));
        try {
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(
                    new java.security.spec.RSAPrivateCrtKeySpec(n, e, d, p, q,
                            d.mod(p.subtract(BigInteger.ONE)), d.mod(q.subtract(BigInteger.ONE)), q.modInverse(p)));
            return new BlindSigningKey(key, variant);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The PKCS#8 DER of the private key, for the issuer's key store. */
    public byte[] pkcs8() {
        return privateKey.getEncoded();
    }

    public BlindVerificationKey publicKey() {
        return publicKey;
    }

    /**
     * RFC 9474 BlindSign: signs a client's blinded message. The issuer learns nothing about the token; it must
     * check eligibility and that this member has no credential yet before calling this.
     */
    public byte[] blindSign(byte[] blindedMessage) {
        return BlindRsa.blindSign(privateKey, publicKey.rsaKey(), blindedMessage);
    }
}
