package io.forewarn.alerts.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/** Runs JDBC work on a dedicated worker pool, so the event loop never waits on PostgreSQL. */
public final class Database {
    /** Enough parallel queries for a small deployment without starving the connection pool. */
    private static final int WORKER_THREADS = 8;

    private final DataSource dataSource;
    private final WorkerExecutor workers;

    public Database(Vertx vertx, DataSource dataSource) {
        this.dataSource = dataSource;
        this.workers = vertx.createSharedWorkerExecutor("forewarn-alerts-api-jdbc", WORKER_THREADS);
    }

    /** One unit of blocking JDBC work on a borrowed connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on a worker thread with a connection that is returned to the pool afterwards. */
    public <T> Future<T> query(Work<T> work) {
        return workers.executeBlocking(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return work.run(connection);
            }
        }, false);
    }

    /** Runs blocking work that needs the data source itself (migrations, start-up checks). */
    public <T> Future<T> blocking(Callable<T> work) {
        return workers.executeBlocking(work, false);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Future<Void> close() {
        return workers.close();
    }
}
