package org.selectorate.tally.record;

import org.selectorate.contracts.cast.CastSubmitted;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.blind.Token;

import java.util.List;

/**
 * A cast the writer holds until its ballot's next mix, as the writer sees it in memory (the token canonical);
 * {@code pending_cast} keeps it only sealed ({@link HeldCast}).
 */
record PendingCast(String ballotId, String token, String prefix, String signature, List<String> vote) {

    /** The cast as held; fails (IllegalArgumentException) if its token is not a token. */
    static PendingCast of(CastSubmitted cast) {
        return new PendingCast(cast.ballotId(), Token.fromEncoded(cast.token()).encoded(), cast.prefix(),
                cast.signature(), cast.vote() == null ? List.of() : cast.vote());
    }

    /** The cast to seal. */
    CastSubmitted submitted() {
        return new CastSubmitted(ballotId, token, prefix, signature, vote);
    }

    Token parsedToken() {
        return Token.fromEncoded(token);
    }

    Credential credential() {
        return new Credential(prefix, signature);
    }
}
