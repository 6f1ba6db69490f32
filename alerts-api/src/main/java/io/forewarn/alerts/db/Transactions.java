package io.forewarn.alerts.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs blocking work in one transaction: committed when it returns, rolled back when it throws. */
public final class Transactions {
    private Transactions() {}

    public static <T> T run(Connection connection, Database.Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
