package org.selectorate.notification.notice;

import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;

/** Acknowledgement tokens: HMAC-SHA256 of the notice id, base64url; checked in constant time. */
@ApplicationScoped
public class AckSigner {
    private final SecretKeySpec key;

    public AckSigner(NoticeConfig config) {
        this.key = new SecretKeySpec(config.ackSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String token(UUID noticeId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(noticeId));
    }

    public boolean verify(UUID noticeId, String token) {
        if (token == null) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(noticeId), given);
    }

    private byte[] mac(UUID noticeId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(noticeId.toString().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
