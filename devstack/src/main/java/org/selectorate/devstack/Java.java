package org.selectorate.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds JDKs: the one running the launcher, and one new enough for Keycloak (21+). */
public final class Java {
    private Java() {
    }

    public static String current() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int feature(Path home) {
        Path release = home.resolve("release");
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** A JDK of at least {@code minimum}: the current one, $JAVA_HOME, or the newest under /usr/lib/jvm. */
    public static Optional<Path> atLeast(int minimum) {
        Path current = Path.of(System.getProperty("java.home"));
        if (feature(current) >= minimum) {
            return Optional.of(current);
        }
        String env = System.getenv("JAVA_HOME");
        if (env != null && feature(Path.of(env)) >= minimum) {
            return Optional.of(Path.of(env));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")) && feature(h) >= minimum)
                    .max(Comparator.comparingInt(Java::feature));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
