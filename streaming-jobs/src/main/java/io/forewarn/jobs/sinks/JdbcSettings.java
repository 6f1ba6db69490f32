package io.forewarn.jobs.sinks;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where the service records live; serialisable so Flink can ship it to every task. */
public record JdbcSettings(String url, String user, String password) implements Serializable {
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public String toString() {
        return "JdbcSettings[url=" + url + ", user=" + user + "]"; // never print the password
    }
}
