package org.selectorate.e2e;

import io.restassured.RestAssured;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.selectorate.devstack.Devstack;
import org.selectorate.devstack.Ports;
import org.selectorate.devstack.Stack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the whole platform with the launcher, once for all end-to-end tests, on ports shifted by
 * 10000 (by default) so a developer's running platform is left alone; stops it when the tests are done.
 */
public final class RunningPlatform implements BeforeAllCallback, ExtensionContext.Store.CloseableResource, AutoCloseable {
    /** Another shift ({@code -Dselectorate.e2e.port-shift=}) lets two checkouts run their tests on one machine. */
    private static final int SHIFT = Integer.getInteger("selectorate.e2e.port-shift", 10000);
    private static Devstack devstack;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(RunningPlatform.class.getName(), this);
    }

    /**
     * Starts the platform unless it is running. Jupiter's tests get it through the extension, which stops it when
     * they are done; a test of another engine (jqwik's properties) calls this from its own lifecycle, and
     * {@link PlatformSession} stops what is still running when the test run ends.
     */
    public static synchronized Devstack start() throws Exception {
        if (devstack != null) {
            return devstack;
        }
        Path root = Path.of(System.getProperty("selectorate.root", ".."));
        Path home = Path.of(System.getProperty("selectorate.home", "target/selectorate-it"));
        Map<String, Integer> shifted = new LinkedHashMap<>();
        Ports.defaultsWith(Map.of()).byName().forEach((name, port) -> shifted.put(name, port + SHIFT));
        Devstack previous = Devstack.existing(root, home, System.out);
        previous.down();
        previous.wipe();
        // A test platform is thrown away: PostgreSQL need not flush to disk (./selectorate up is durable).
        devstack = new Devstack(Stack.at(root, home, Ports.defaultsWith(shifted)).withFsync(Stack.Fsync.OFF), System.out);
        devstack.up();
        RestAssured.baseURI = devstack.stack().gatewayUrl();
        return devstack;
    }

    @Override
    public void close() {
        stop();
    }

    static synchronized void stop() {
        if (devstack != null) {
            try {
                devstack.down();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                devstack = null;
            }
        }
    }

    public static Devstack devstack() {
        return devstack;
    }
}
