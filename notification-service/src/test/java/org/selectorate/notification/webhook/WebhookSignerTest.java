package org.selectorate.notification.webhook;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSignerTest {

    /** The test vector published with the Standard Webhooks reference libraries. */
    @Test
    void reproducesThePublishedTestVector() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                WebhookSigner.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                        1614265330, "{\"test\": 2432232314}"));
        assertTrue(Receiver.verify("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                "1614265330", "{\"test\": 2432232314}", "v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
                "the test's own verifier agrees with the vector");
    }

    @Test
    void anyChangeToIdTimestampOrBodyChangesTheSignature() {
        String secret = WebhookSigner.newSecret();
        String base = WebhookSigner.sign(secret, "id", 1, "{}");
        assertNotEquals(base, WebhookSigner.sign(secret, "id2", 1, "{}"));
        assertNotEquals(base, WebhookSigner.sign(secret, "id", 2, "{}"));
        assertNotEquals(base, WebhookSigner.sign(secret, "id", 1, "{ }"));
        assertNotEquals(base, WebhookSigner.sign(WebhookSigner.newSecret(), "id", 1, "{}"));
    }

    @Test
    void secretsAre32RandomBytesWithThePrefix() {
        String secret = WebhookSigner.newSecret();
        assertTrue(secret.startsWith("whsec_"));
        assertEquals(32, Base64.getDecoder().decode(secret.substring(6)).length);
        assertNotEquals(secret, WebhookSigner.newSecret());
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.sign("nope", "id", 1, "{}"));
    }
}
