package org.selectorate.ballot.ballot;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.support.keys.KeyVault;
import org.selectorate.support.problem.ProblemException;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;

/**
 * The issuer's signing keys. Stored sealed with the service's {@link KeyVault} (bound to the ballot), opened and
 * parsed once per ballot and kept in memory: opening and parsing on every issuance would cost more than the
 * signature.
 */
@ApplicationScoped
public class BallotKeys {
    private final Map<UUID, Issuer> cache = new ConcurrentHashMap<>();
    private final KeyVault vault;

    public BallotKeys(KeyVault vault) {
        this.vault = vault;
    }

    /** A ballot's signing key with its modulus, so a blinded message is checked before anything is recorded. */
    public record Issuer(BlindSigningKey key, BigInteger modulus) {
        static Issuer of(BlindSigningKey key) {
            try {
                RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                        new X509EncodedKeySpec(Base64Url.decode(key.publicKey().encoded())));
                return new Issuer(key, pub.getModulus());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the ballot's key cannot be read", e);
            }
        }

        /** RFC 9474 BlindSign's input checks, done up front so signing after the commit cannot fail on input. */
        public void check(byte[] blindedMessage) {
            int length = (modulus.bitLength() + 7) / 8;
            if (blindedMessage.length != length || new BigInteger(1, blindedMessage).compareTo(modulus) >= 0) {
                throw ProblemException.badRequest("the blinded message does not fit this ballot's key",
                        List.of("blindedMessage: must be " + length + " bytes, below the key's modulus"));
            }
        }

        @Override
        public String toString() {
            return "Issuer[" + key.publicKey().fingerprint() + "]";
        }
    }

    /**
     * An open ballot's issuer; on first use reads the sealed key on {@code connection} (issuance's, which holds its
     * transaction: another connection could wait on a pool its own transactions have drained) and opens it.
     */
    public Uni<Issuer> issuer(SqlClient connection, UUID ballotId, String variant) {
        Issuer cached = cache.get(ballotId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return connection.preparedQuery("select sealed_pkcs8 from ballot_key where ballot_id = $1")
                .execute(Tuple.of(ballotId))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        throw new IllegalStateException("ballot " + ballotId + " has no key");
                    }
                    byte[] sealed = it.next().getBuffer("sealed_pkcs8").getBytes();
                    return cache.computeIfAbsent(ballotId, id -> Issuer.of(BlindSigningKey.fromPkcs8(
                            vault.open(sealed, context(id)), BlindRsaVariant.fromId(variant))));
                });
    }

    /** The key as it is stored: sealed to this service's key file and to this ballot. */
    BallotKey seal(UUID ballotId, BlindSigningKey key) {
        BallotKey stored = new BallotKey();
        stored.ballotId = ballotId;
        stored.sealedPkcs8 = vault.seal(key.pkcs8(), context(ballotId));
        return stored;
    }

    void remember(UUID ballotId, BlindSigningKey key) {
        cache.put(ballotId, Issuer.of(key));
    }

    /** A closed ballot signs nothing more; its key need not stay in memory. */
    void forget(UUID ballotId) {
        cache.remove(ballotId);
    }

    /**
     * Forgets the keys of ballots that are no longer open. The replica that closes a ballot forgets its key at once;
     * every replica runs this on its closing job's schedule ({@link BallotCloser}), so the others drop theirs within
     * a few seconds. Until then issuance refuses a closed ballot before it reaches the key.
     */
    Uni<Void> forgetClosed(SqlClient client) {
        if (cache.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] cached = cache.keySet().toArray(UUID[]::new);
        return client.preparedQuery("select id from ballot where id = any($1) and status <> 'OPEN'")
                .execute(Tuple.of(cached))
                .invoke(rows -> StreamSupport.stream(rows.spliterator(), false)
                        .forEach(row -> cache.remove(row.getUUID("id"))))
                .replaceWithVoid();
    }

    /** Held in memory for this ballot: for tests of the cache's clearing. */
    boolean holds(UUID ballotId) {
        return cache.containsKey(ballotId);
    }

    private static String context(UUID ballotId) {
        return "ballot-key:" + ballotId;
    }
}
