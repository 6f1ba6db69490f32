package io.forewarn.contracts.service;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings a PostgreSQL database to the current service-record schema (db/migration, versioned by Flyway). */
public final class ServiceSchema {
    private ServiceSchema() {}

    /** Applies pending migrations; safe to call from every component at start-up. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
