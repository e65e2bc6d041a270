package org.selectorate.support.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses to start in production with a secret that ships in this repository. The dev and test profiles set such
 * defaults so that a checkout runs with no set-up; anyone can read them, so a deployment must bring its own (the
 * launcher makes them per home, Kubernetes reads them from a Secret). Every property whose name says it is a secret
 * or a password is compared with the known defaults, so a secret a service adds later is covered once its default
 * is listed here.
 */
@ApplicationScoped
public class ProductionSecrets {
    /** Every secret or password value that is written in this repository for development and tests. */
    static final Set<String> DEV_DEFAULTS = Set.of(
            "selectorate-dev-secret",                      // Keycloak client selectorate-services
            "selectorate-integration-secret",              // Keycloak client selectorate-integration
            "selectorate",                                 // the database password every service once shared
            "postgres",                                    // testkit's embedded PostgreSQL
            "selectorate-dev-notice-ack-secret",           // notification-service's link and webhook keys
            "selectorate-dev-webhook-member-secret",
            "selectorate-dev-mailing-unsubscribe-secret");

    void refuseDevDefaults(@Observes StartupEvent event, Config config) {
        refuse(LaunchMode.current(), config);
    }

    static void refuse(LaunchMode mode, Config config) {
        if (mode != LaunchMode.NORMAL) {
            return;
        }
        Set<String> found = devDefaults(config);
        if (!found.isEmpty()) {
            throw new IllegalStateException("Refusing to start in production: a development default, public in the "
                    + "repository, is set for " + String.join(", ", found) + "; set secrets of your own");
        }
    }

    /** Names of the secret properties set to a development default (values are never reported). */
    static Set<String> devDefaults(Config config) {
        Set<String> found = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.startsWith("%") || !(lower.contains("secret") || lower.contains("password"))) {
                continue;
            }
            config.getOptionalValue(name, String.class).filter(DEV_DEFAULTS::contains).ifPresent(v -> found.add(name));
        }
        return found;
    }
}
