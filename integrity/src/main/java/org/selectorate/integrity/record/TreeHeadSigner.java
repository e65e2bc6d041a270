package org.selectorate.integrity.record;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import org.selectorate.integrity.encoding.Base64Url;

/** The Ed25519 private key of one ballot's record (the tally service's partition owner holds it). */
public final class TreeHeadSigner {
    private final PrivateKey key;
    private final TreeHeadKey publicKey;

    private TreeHeadSigner(PrivateKey key, TreeHeadKey publicKey) {
        this.key = key;
        this.publicKey = publicKey;
    }

    public static TreeHeadSigner generate(SecureRandom random) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
            gen.initialize(NamedParameterSpec.ED25519, random);
            var pair = gen.generateKeyPair();
            return new TreeHeadSigner(pair.getPrivate(), new TreeHeadKey(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a stored key pair: the PKCS#8 private key and the published public key (Java 17 cannot derive one
     * from the other). A pair that does not belong together is refused.
     */
    public static TreeHeadSigner fromKeys(byte[] pkcs8, String publicKeyBase64Url) {
        TreeHeadSigner signer;
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            signer = new TreeHeadSigner(key, TreeHeadKey.fromEncoded(publicKeyBase64Url));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        }
        SignedTreeHead probe = signer.sign(new TreeHead("key-check", 0, "", "", "", ""));
        if (!signer.publicKey.verify(probe)) {
            throw new IllegalArgumentException("the private and public tree-head keys do not match");
        }
        return signer;
    }

    public byte[] pkcs8() {
        return key.getEncoded();
    }

    public TreeHeadKey publicKey() {
        return publicKey;
    }

    public SignedTreeHead sign(TreeHead head) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(head.signingBytes());
            return new SignedTreeHead(head, Base64Url.encode(s.sign()), java.util.List.of());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
