package org.selectorate.ballot.ballot;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindSigningKey;

import java.security.SecureRandom;

/** A fresh blind-signing key pair for a ballot being opened. */
final class IssuerKeys {
    private static final int KEY_BITS = 2048;
    private static final SecureRandom RANDOM = new SecureRandom();

    private IssuerKeys() {
    }

    /**
     * Key generation takes a few hundred milliseconds of CPU: off the event loop, then back to the calling request's
     * context, where the reactive session lives.
     */
    static Uni<BlindSigningKey> generate() {
        Context context = Vertx.currentContext();
        return Uni.createFrom().item(() -> BlindSigningKey.generate(KEY_BITS, BlindRsaVariant.SHA384_PSS_RANDOMIZED,
                        RANDOM))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}
