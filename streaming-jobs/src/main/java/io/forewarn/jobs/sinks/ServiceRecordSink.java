package io.forewarn.jobs.sinks;

import io.forewarn.jobs.decisions.ServiceRecord;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes predictions, tickets, reminders and dead letters to PostgreSQL, one transaction per batch, each kind of row
 * as one JDBC batch ({@link ServiceRecordStatements} says in which order).
 * Batches are flushed when full and at every checkpoint, so what a checkpoint covers is stored (at-least-once);
 * the statements are idempotent, which makes the result exactly-once.
 */
public final class ServiceRecordSink implements Sink<ServiceRecord> {
    private static final long serialVersionUID = 1L;

    private final JdbcSettings jdbc;
    private final int batchSize;

    public ServiceRecordSink(JdbcSettings jdbc, int batchSize) {
        this.jdbc = jdbc;
        this.batchSize = batchSize;
    }

    @Override
    public SinkWriter<ServiceRecord> createWriter(WriterInitContext context) {
        return new Writer(jdbc, batchSize, context.metricGroup().getNumRecordsSendCounter());
    }

    private static final class Writer implements SinkWriter<ServiceRecord> {
        private static final Logger LOG = LoggerFactory.getLogger(ServiceRecordSink.class);
        private static final int ATTEMPTS = 5;

        private final JdbcSettings jdbc;
        private final int batchSize;
        private final Counter written;
        private final List<ServiceRecord> batch = new ArrayList<>();
        private Connection connection;
        /** Prepared on the connection, and discarded with it. */
        private ServiceRecordStatements statements;

        Writer(JdbcSettings jdbc, int batchSize, Counter written) {
            this.jdbc = jdbc;
            this.batchSize = batchSize;
            this.written = written;
        }

        @Override
        public void write(ServiceRecord record, Context context) throws IOException, InterruptedException {
            batch.add(record);
            if (batch.size() >= batchSize) {
                flush(false);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            if (batch.isEmpty()) {
                return;
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    writeBatch();
                    written.inc(batch.size());
                    batch.clear();
                    return;
                } catch (SQLException e) {
                    closeQuietly();
                    if (attempt == ATTEMPTS) {
                        // Failing the job restores the last checkpoint and replays; the writes are idempotent.
                        throw new IOException("cannot write " + batch.size() + " service records after " + ATTEMPTS + " attempts", e);
                    }
                    long backoff = (long) (200 * Math.pow(2, attempt - 1) * (0.5 + Math.random()));
                    LOG.warn("service-record write failed (attempt {}/{}), retrying in {} ms: {}", attempt, ATTEMPTS, backoff, e.getMessage());
                    Thread.sleep(backoff);
                }
            }
        }

        private void writeBatch() throws SQLException {
            if (connection == null) {
                connection = jdbc.connect();
                connection.setAutoCommit(false);
                statements = new ServiceRecordStatements(connection);
            }
            try {
                statements.write(batch);
                connection.commit();
            } catch (SQLException e) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the connection is discarded next
                }
                throw e;
            }
        }

        private void closeQuietly() {
            try {
                if (connection != null) connection.close();
            } catch (SQLException ignored) {
                // discarding a broken connection
            }
            connection = null;
            statements = null;
        }

        @Override
        public void close() {
            closeQuietly();
        }
    }
}
