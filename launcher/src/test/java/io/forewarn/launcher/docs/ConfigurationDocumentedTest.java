package io.forewarn.launcher.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's configuration table is checked against the code: every variable the code reads is documented. */
class ConfigurationDocumentedTest {
    private static final Pattern VARIABLE = Pattern.compile("\"(FOREWARN_[A-Z0-9_]+)\"");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyEnvironmentVariableReadByTheCodeIsInTheReadmeTable() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String module : new String[] {"contracts", "device-simulator", "ingest", "streaming-jobs", "alerts-api", "launcher"}) {
            Path sources = ROOT.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = VARIABLE.matcher(Files.readString(file));
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(used).as("variables found in the code").isNotEmpty().contains("FOREWARN_MQTT_URI");
        assertThat(used).allSatisfy(variable -> assertThat(readme)
                .as("README.md documents %s in its configuration table", variable)
                .contains("`" + variable + "`"));
    }
}
