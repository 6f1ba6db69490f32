package io.forewarn.launcher.evaluation.nab;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where {@code ./forewarn evaluate --nab} finds the Numenta Anomaly Benchmark.
 *
 * @param directory the NAB directory (with {@code data/}, {@code labels/}, {@code config/}); relative paths resolve
 *     against the working directory, which {@code ./forewarn} sets to the repository root
 */
public record NabConfig(Path directory) {
    public static final String DIRECTORY_VARIABLE = "FOREWARN_NAB_DIR";
    public static final String DEFAULT_DIRECTORY = "../shared/datasets/nab";

    public static NabConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    static NabConfig fromEnv(Map<String, String> env) {
        String dir = env.getOrDefault(DIRECTORY_VARIABLE, "");
        return new NabConfig(Path.of(dir.isBlank() ? DEFAULT_DIRECTORY : dir));
    }

    /** The same, with the directory given on the command line instead. */
    public NabConfig withDirectory(Path directory) {
        return new NabConfig(directory);
    }
}
