package io.forewarn.alerts;

import static io.forewarn.alerts.PredictionsApiTest.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.auth.Role;
import io.forewarn.alerts.http.Page;
import io.forewarn.alerts.http.PageRequest;
import io.forewarn.alerts.tickets.SlaClock;
import io.forewarn.alerts.tickets.TicketQueries;
import io.forewarn.contracts.service.ServiceSchema;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The ticket queries against a PostgreSQL server in a container (a different major version than the
 * embedded one), so the SQL is not tied to one build. Needs Docker: it fails, never skips, without it.
 */
class TicketQueriesOnPostgresContainerTest {
    private static final String IMAGE =
            System.getenv().getOrDefault("FOREWARN_TEST_POSTGRES_IMAGE", "postgres:16-alpine");
    private static final Caller PLANNER = new Caller("planner", Role.PLANNER, null, null);

    private static PostgreSQLContainer postgres;
    private static PGSimpleDataSource dataSource;
    private final TicketQueries queries = new TicketQueries(new SlaClock(Clock.fixed(SeedData.NOW, ZoneOffset.UTC)));

    @BeforeAll
    static void startPostgres() throws Exception {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            fail("""
                    Docker is required for this test and none answers (DOCKER_HOST=%s).
                    Set it up with `bash deploy/testenv/setup.sh` (starts dockerd and builds local/postgres:15),
                    then `source deploy/testenv/env.sh`, which sets TESTCONTAINERS_RYUK_DISABLED=true,
                    TESTCONTAINERS_CHECKS_DISABLE=true, TESTCONTAINERS_HOST_OVERRIDE=localhost and
                    FOREWARN_TEST_POSTGRES_IMAGE=local/postgres:15.""".formatted(System.getenv("DOCKER_HOST")));
        }
        postgres = new PostgreSQLContainer(DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("postgres"));
        postgres.start();
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgres.getJdbcUrl());
        dataSource.setUser(postgres.getUsername());
        dataSource.setPassword(postgres.getPassword());
        ServiceSchema.migrate(dataSource);
        SeedData.insertAll(dataSource);
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Test
    void keysetPagesCoverAllTicketsOnceNewestFirst() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            Page first = queries.list(connection, PLANNER, new TicketQueries.Filter(null, null, null, null),
                    PageRequest.first(3));
            Page second = queries.list(connection, PLANNER, new TicketQueries.Filter(null, null, null, null),
                    new PageRequest(3, first.nextCursor()));

            assertThat(ids(first.toJson(), "ticketId")).containsExactly("tk-5", "tk-4", "tk-3");
            assertThat(ids(second.toJson(), "ticketId")).containsExactly("tk-2", "tk-1");
            assertThat(second.nextCursor()).isNull();
        }
    }

    @Test
    void technicianScopeAndTicketHistoryMatchTheEmbeddedServer() throws Exception {
        Caller tina = new Caller("tina", Role.TECHNICIAN, null, SeedData.TINA);
        try (Connection connection = dataSource.getConnection()) {
            Page assigned = queries.list(connection, tina, new TicketQueries.Filter(null, null, null, null),
                    PageRequest.first(50));
            JsonObject ticket = queries.get(connection, tina, "tk-3").orElseThrow();

            assertThat(ids(assigned.toJson(), "ticketId")).containsExactly("tk-3");
            assertThat(ticket.getJsonArray("history")).hasSize(3);
            assertThat(ticket.getJsonObject("slaState").getBoolean("breached")).isFalse();
            assertThat(queries.get(connection, tina, "tk-1")).isEmpty();
        }
    }
}
