package org.selectorate.notification.mailing;

import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/** Unsubscribe tokens: HMAC-SHA256 of (selection id, membership number), base64url; checked in constant time. */
@ApplicationScoped
public class UnsubscribeSigner {
    private final SecretKeySpec key;

    public UnsubscribeSigner(MailingConfig config) {
        this.key = new SecretKeySpec(config.unsubscribeSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String token(String selectionId, String membershipNumber) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(selectionId, membershipNumber));
    }

    public boolean verify(String selectionId, String membershipNumber, String token) {
        if (selectionId == null || membershipNumber == null || token == null) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(selectionId, membershipNumber), given);
    }

    private byte[] mac(String selectionId, String membershipNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // A newline cannot occur in either part, so no two pairs sign the same bytes.
            return mac.doFinal((selectionId + "\n" + membershipNumber).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
