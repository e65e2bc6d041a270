package org.selectorate.cli.certify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.encoding.Ed25519Keys;

/**
 * A scrutineer's own Ed25519 key pair, kept in one file only its owner may read: the PKCS#8 private key and the
 * X.509 public key as PEM blocks (Java 17 cannot derive one from the other; {@code openssl pkey} reads the file).
 * The public key is published as {@link Ed25519Keys} publishes keys: base64url of its 32 raw bytes.
 */
final class ScrutineerKey {
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private ScrutineerKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    static ScrutineerKey generate() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
            gen.initialize(NamedParameterSpec.ED25519, new SecureRandom());
            KeyPair pair = gen.generateKeyPair();
            return new ScrutineerKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime has Ed25519", e);
        }
    }

    /** The published form: base64url of the 32 raw bytes. */
    String publicKey() {
        return Base64Url.encode(Ed25519Keys.raw(publicKey));
    }

    byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a new key file readable by its owner alone (mode 600 where the file system has modes). An existing
     * file is never overwritten: it may be the only copy of a key already published.
     *
     * @throws FileAlreadyExistsException if {@code file} exists
     */
    void writeNew(Path file) throws IOException {
        boolean posix = Files.getFileAttributeView(file.toAbsolutePath().getParent(),
                PosixFileAttributeView.class) != null;
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, pem("PRIVATE KEY", privateKey.getEncoded()) + pem("PUBLIC KEY",
                publicKey.getEncoded()), StandardCharsets.US_ASCII);
    }

    /**
     * Reads a key file written by {@link #writeNew}. Refused, with the reason: a file others can read (as ssh
     * refuses one), one that is not such a file, or one whose two keys are not a pair.
     */
    static ScrutineerKey read(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            Set<PosixFilePermission> mode = view.readAttributes().permissions();
            if (!OWNER_ONLY.containsAll(mode)) {
                throw new IllegalArgumentException(file + " can be read or written by others (mode "
                        + PosixFilePermissions.toString(mode) + "); chmod 600 it");
            }
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        ScrutineerKey key;
        try {
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            key = new ScrutineerKey(keys.generatePrivate(new PKCS8EncodedKeySpec(der("PRIVATE KEY", text))),
                    keys.generatePublic(new X509EncodedKeySpec(der("PUBLIC KEY", text))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a scrutineer's key file (selectorate scrutineer-key "
                    + "writes one): " + e.getMessage());
        }
        byte[] probe = "selectorate-scrutineer-key-check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(key.publicKey);
            v.update(probe);
            if (!v.verify(key.sign(probe))) {
                throw new IllegalArgumentException(file + ": its private and public keys are not a pair");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
        return key;
    }

    /** The DER inside the PEM block {@code label}. */
    private static byte[] der(String label, String text) {
        Matcher m = Pattern.compile("-----BEGIN " + label + "-----([A-Za-z0-9+/=\\s]+)-----END " + label + "-----")
                .matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + label + " block");
        }
        return Base64.getMimeDecoder().decode(m.group(1));
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
