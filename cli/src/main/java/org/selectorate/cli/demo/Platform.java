package org.selectorate.cli.demo;

import org.selectorate.devstack.Devstack;
import org.selectorate.devstack.Stack;

import java.io.PrintStream;
import java.nio.file.Path;

/** The running platform for commands that use it, started first if none runs. */
final class Platform {
    private Platform() {
    }

    static Devstack ensureRunning(Path root, Path home, PrintStream log) throws Exception {
        Devstack devstack = Devstack.existing(root, home, log);
        if (devstack.status().stream().allMatch(Devstack.Status::healthy)) {
            return devstack;
        }
        log.println("The platform is not (fully) running; starting it.");
        devstack.up();
        return devstack;
    }

    static Api api(Devstack devstack) {
        return new Api(devstack.stack().gatewayUrl(), devstack.stack().issuer(),
                devstack.stack().clientSecret(Stack.SERVICES_CLIENT));
    }
}
