package org.selectorate.integrity.blind;

/**
 * The voter client's state between Blind and Finalize: send {@link #blindedMessage()} to the issuer, pass its
 * answer to {@link #finish(byte[])}. Holds the unblinding secret, so it stays on the voter's device.
 */
public final class BlindingSession {
    private final BlindVerificationKey key;
    private final byte[] input;
    private final byte[] prefix;
    private final BlindRsa.Blinded blinded;

    BlindingSession(BlindVerificationKey key, byte[] input, byte[] prefix, BlindRsa.Blinded blinded) {
        this.key = key;
        this.input = input;
        this.prefix = prefix;
        this.blinded = blinded;
    }

    /** What the issuer signs; reveals nothing about the token. */
    public byte[] blindedMessage() {
        return blinded.blindedMsg().clone();
    }

    /**
     * The client's Finalize step: unblinds the issuer's answer and checks it, so a bad answer fails here rather
     * than at the ballot box.
     *
     * @throws IllegalStateException if the answer is not a valid signature
     */
    public Credential finish(byte[] blindSignature) {
        return Credential.of(prefix, BlindRsa.finalize(key.rsaKey(), input, blindSignature, blinded.inv()));
    }
}
