package org.selectorate.gateway.routing;

import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever path the client sends, the request goes to the configured service's host and port. */
class ServiceDestinationTest {
    @ParameterizedTest
    @ValueSource(strings = {"/api/membership/x", "//other-host.invalid/api/membership/x", "/http://other-host.invalid/",
            "/@other-host.invalid/x", "//other-host.invalid:80"})
    void theHostIsAlwaysTheService(String path) {
        RequestOptions options = ServiceProxy.destination(URI.create("http://127.0.0.1:18081"), path, "a=1");
        assertEquals("127.0.0.1", options.getHost());
        assertEquals(18081, options.getPort());
        assertFalse(options.isSsl());
        assertEquals(path + "?a=1", options.getURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://svc.internal", "https://svc.internal:443"})
    void aTlsServiceKeepsItsScheme(String service) {
        RequestOptions options = ServiceProxy.destination(URI.create(service), "/api/x", null);
        assertEquals("svc.internal", options.getHost());
        assertEquals(443, options.getPort());
        assertTrue(options.isSsl());
        assertEquals("/api/x", options.getURI());
    }
}
