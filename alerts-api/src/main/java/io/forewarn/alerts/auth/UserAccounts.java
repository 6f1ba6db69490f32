package io.forewarn.alerts.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code users} table: creating accounts and checking passwords (blocking JDBC; call from a worker). */
public final class UserAccounts {
    public static final int MIN_PASSWORD_LENGTH = 8;

    /** Compared against when the username is unknown, so a miss costs as long as a wrong password. */
    private static final String DECOY_HASH = PasswordHasher.hash("decoy-password-never-matches");

    private UserAccounts() {}

    /**
     * Creates a user with a PBKDF2 hash of {@code password}.
     *
     * @param customerId required for {@link Role#CUSTOMER}, else null
     * @param technicianId required for {@link Role#TECHNICIAN}, else null
     * @throws IllegalArgumentException for a blank username, a short password or a missing id
     * @throws IllegalStateException when the insert fails (duplicate username, unknown customer/technician)
     */
    public static void create(DataSource dataSource, String username, String password, Role role,
            String customerId, String technicianId) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        Caller caller = new Caller(username, role, customerId, technicianId); // checks the ids the role needs
        String sql = "INSERT INTO users (username, password_hash, role, customer_id, technician_id) VALUES (?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, caller.username());
            insert.setString(2, PasswordHasher.hash(password));
            insert.setString(3, role.wireName());
            insert.setString(4, customerId);
            insert.setString(5, technicianId);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create user '" + username + "': " + e.getMessage(), e);
        }
    }

    /** The caller these credentials belong to, or empty when the user is unknown or the password wrong. */
    public static Optional<Caller> authenticate(Connection connection, String username, String password)
            throws SQLException {
        String sql = "SELECT password_hash, role, customer_id, technician_id FROM users WHERE username = ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, username);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    PasswordHasher.matches(password, DECOY_HASH);
                    return Optional.empty();
                }
                if (!PasswordHasher.matches(password, rs.getString("password_hash"))) {
                    return Optional.empty();
                }
                return Optional.of(new Caller(username, Role.fromWire(rs.getString("role")),
                        rs.getString("customer_id"), rs.getString("technician_id")));
            }
        }
    }
}
