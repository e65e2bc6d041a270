package org.selectorate.support.keys;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

/** Where the key that seals this service's private keys lives: a file, never the database. */
@ConfigMapping(prefix = "selectorate.keys")
public interface KeysConfig {
    /** 32 random bytes, base64; readable by the service's user only. */
    Path file();

    /** Create the file if missing: honoured in dev and test only. */
    @WithDefault("false")
    boolean generateIfMissing();
}
