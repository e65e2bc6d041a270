package org.selectorate.support.config;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProductionSecretsTest {
    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }

    @Test
    void productionRefusesEverySecretLeftAtADevDefaultAndNamesItWithoutItsValue() {
        SmallRyeConfig config = config(Map.of(
                "quarkus.oidc.credentials.secret", "selectorate-dev-secret",
                "quarkus.datasource.password", "selectorate",
                "selectorate.notices.ack-secret", "a-secret-of-our-own",
                "quarkus.datasource.username", "selectorate"));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ProductionSecrets.refuse(LaunchMode.NORMAL, config));
        assertTrue(refused.getMessage().endsWith("set for quarkus.datasource.password, quarkus.oidc.credentials.secret; set secrets of your own"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("selectorate-dev-secret"), refused.getMessage());
        assertFalse(refused.getMessage().lines().count() > 1, "one line");
    }

    @Test
    void theIntegrationClientsDefaultIsRefusedWhereverASecretHoldsIt() {
        assertEquals(Set.of("SELECTORATE_WEBHOOK_MEMBER_SECRET"), ProductionSecrets.devDefaults(config(Map.of(
                "SELECTORATE_WEBHOOK_MEMBER_SECRET", "selectorate-integration-secret"))));
    }

    @Test
    void devAndTestKeepTheirDefaultsAndProductionItsOwnSecrets() {
        SmallRyeConfig defaults = config(Map.of("quarkus.oidc.credentials.secret", "selectorate-dev-secret",
                "%dev.quarkus.datasource.password", "selectorate"));
        assertDoesNotThrow(() -> ProductionSecrets.refuse(LaunchMode.DEVELOPMENT, defaults));
        assertDoesNotThrow(() -> ProductionSecrets.refuse(LaunchMode.TEST, defaults));
        assertDoesNotThrow(() -> ProductionSecrets.refuse(LaunchMode.NORMAL, config(Map.of(
                "quarkus.oidc.credentials.secret", "Zk3q-made-per-home",
                "quarkus.datasource.password", "another-of-its-own",
                "%dev.quarkus.datasource.password", "selectorate"))));
    }
}
