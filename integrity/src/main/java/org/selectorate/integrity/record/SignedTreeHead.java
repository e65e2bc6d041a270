package org.selectorate.integrity.record;

/** A tree head with the base64url Ed25519 signature of its {@link TreeHead#signingBytes()}. */
public record SignedTreeHead(TreeHead head, String signature) {
}
