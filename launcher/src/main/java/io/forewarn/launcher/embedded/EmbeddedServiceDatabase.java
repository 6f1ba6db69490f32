package io.forewarn.launcher.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;

/** A real PostgreSQL server (binaries from Maven Central) whose data directory survives restarts of the demo. */
public final class EmbeddedServiceDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private EmbeddedServiceDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedServiceDatabase start(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port == 0 ? FreePorts.pick() : port)
                // The demo stops PostgreSQL itself, after the job and the API; a hook of its own would race them.
                .setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile(dataDirectory)))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile(dataDirectory)))
                .start();
        return new EmbeddedServiceDatabase(postgres);
    }

    private static java.io.File logFile(Path dataDirectory) {
        return dataDirectory.resolveSibling("postgres.log").toFile();
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String user() {
        return "postgres";
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
