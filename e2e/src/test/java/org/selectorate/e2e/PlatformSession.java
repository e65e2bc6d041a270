package org.selectorate.e2e;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the platform when the whole test run ends, whichever engine started it: jqwik's properties have no
 * Jupiter extension to do it, and a JVM shutdown hook would be cut off by the build's 30 s exit limit.
 */
public class PlatformSession implements LauncherSessionListener {
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        RunningPlatform.stop();
    }
}
