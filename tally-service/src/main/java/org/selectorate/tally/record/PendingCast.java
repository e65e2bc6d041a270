package org.selectorate.tally.record;

import org.selectorate.contracts.cast.CastSubmitted;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.json.CanonicalJson;

import java.util.List;

/** A cast held in {@code pending_cast} until its ballot's next mix: the token canonical, the vote as JSON. */
record PendingCast(String ballotId, String token, String prefix, String signature, String vote) {

    /** The cast as held; fails (IllegalArgumentException) if its token is not a token. */
    static PendingCast of(CastSubmitted cast) {
        return new PendingCast(cast.ballotId(), Token.fromEncoded(cast.token()).encoded(), cast.prefix(),
                cast.signature(), CanonicalJson.write(cast.vote() == null ? List.of() : cast.vote()));
    }

    Token parsedToken() {
        return Token.fromEncoded(token);
    }

    Credential credential() {
        return new Credential(prefix, signature);
    }

    List<String> voteList() {
        return RecordEntryRow.voteList(vote);
    }
}
