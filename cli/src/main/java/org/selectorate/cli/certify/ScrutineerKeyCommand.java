package org.selectorate.cli.certify;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code selectorate scrutineer-key --out FILE}: a new Ed25519 key pair for a scrutineer's decisions. */
@Command(name = "scrutineer-key", mixinStandardHelpOptions = true,
        description = "Generates a scrutineer's Ed25519 key pair into a new file only you can read (mode 600) and "
                + "prints the public key (base64url of its 32 bytes) to give to the platform. An existing file is "
                + "never overwritten.")
public final class ScrutineerKeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the new key file")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ScrutineerKey key = ScrutineerKey.generate();
        try {
            key.writeNew(out);
        } catch (FileAlreadyExistsException e) {
            err.println("error: " + out + " exists; a key file is never overwritten");
            return 2;
        } catch (IOException e) {
            err.println("error: cannot write " + out + " (" + e.getClass().getSimpleName() + ")");
            return 2;
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println(key.publicKey());
        o.flush();
        return 0;
    }
}
