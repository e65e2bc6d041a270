package org.selectorate.verifier.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.integrity.blind.BlindingSession;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.blind.Token;

/**
 * One thread (one core): the issuer's BlindSign, a voter's whole client side (Prepare, Blind, Finalize) and
 * the tally's/verifier's Verify, at 2048 and 3072 bits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@Threads(1)
public class BlindSignatureBenchmark {
    @Param({"2048", "3072"})
    int bits;

    private final SecureRandom random = new SecureRandom();
    private BlindSigningKey key;
    private CredentialMessage message;
    private byte[] blinded;
    private BlindingSession session;
    private byte[] blindSignature;
    private Credential credential;

    @Setup
    public void setUp() {
        key = BlindSigningKey.generate(bits, BlindRsaVariant.SHA384_PSS_RANDOMIZED, random);
        message = CredentialMessage.of("bench-ballot", Token.random(random));
        session = key.publicKey().blind(message, random);
        blinded = session.blindedMessage();
        blindSignature = key.blindSign(blinded);
        credential = session.finish(blindSignature);
    }

    @Benchmark
    public byte[] blindSign() {
        return key.blindSign(blinded);
    }

    @Benchmark
    public Credential clientBlindAndFinalize() {
        BlindingSession s = key.publicKey().blind(message, random);
        return s.finish(key.blindSign(s.blindedMessage()));
    }

    @Benchmark
    public boolean verify() {
        return key.publicKey().verify(message, credential);
    }
}
