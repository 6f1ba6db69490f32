package io.forewarn.launcher.demo;

import io.forewarn.alerts.auth.Role;
import io.forewarn.alerts.auth.UserAccounts;
import io.forewarn.contracts.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import javax.sql.DataSource;

/**
 * The logins the demo prints and keeps in {@code demo-credentials.json}, reused across restarts: the planner, plus a
 * customer who owns the first product to degrade and a technician able to repair it, so every side of the service
 * can be tried in the web app.
 *
 * @param username the planner's user name ({@code planner})
 * @param password the planner's password
 * @param customer the customer login, bound to the owner of the first degrading product
 * @param technician the technician login, bound to a technician of that product's region with the skill it needs
 */
public record DemoCredentials(String apiUrl, String username, String password, String role, String tokenUrl, String example,
        Login customer, Login technician) {
    static final String FILE = "demo-credentials.json";
    static final String PLANNER = "planner";
    static final String CUSTOMER = "customer";
    static final String TECHNICIAN = "technician";

    /** One demo login and whom it acts for. */
    public record Login(String username, String password, String actsFor) {}

    /** Who the demo's customer and technician logins stand for; either may be null when the fleet has no degrading product. */
    record Subjects(String customerId, String technicianId) {}

    static DemoCredentials ensure(Path dataDir, DataSource dataSource, String apiUrl, Subjects subjects)
            throws IOException, SQLException {
        Path file = dataDir.resolve(FILE);
        DemoCredentials onFile = Files.exists(file) ? Json.read(Files.readString(file), DemoCredentials.class) : null;
        String password = account(dataSource, PLANNER, onFile == null ? null : onFile.password(), Role.PLANNER, null, null);
        Login customer = subjects.customerId() == null ? null : new Login(CUSTOMER,
                account(dataSource, CUSTOMER, passwordOf(onFile == null ? null : onFile.customer()), Role.CUSTOMER,
                        subjects.customerId(), null), subjects.customerId());
        Login technician = subjects.technicianId() == null ? null : new Login(TECHNICIAN,
                account(dataSource, TECHNICIAN, passwordOf(onFile == null ? null : onFile.technician()), Role.TECHNICIAN,
                        null, subjects.technicianId()), subjects.technicianId());
        String tokenUrl = apiUrl + "/api/v1/auth/token";
        String example = "TOKEN=$(curl -s -X POST " + tokenUrl + " -H 'content-type: application/json' -d '{\"username\":\""
                + PLANNER + "\",\"password\":\"" + password + "\"}' | sed 's/.*\"token\":\"\\([^\"]*\\)\".*/\\1/'); "
                + "curl -s -H \"authorization: Bearer $TOKEN\" " + apiUrl + "/api/v1/tickets";
        DemoCredentials credentials = new DemoCredentials(apiUrl, PLANNER, password, "planner", tokenUrl, example,
                customer, technician);
        Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(credentials));
        return credentials;
    }

    private static String passwordOf(Login login) {
        return login == null ? null : login.password();
    }

    /** (Re-)creates the account with the password on file, or a new random one; returns the password. */
    private static String account(DataSource dataSource, String username, String password, Role role, String customerId,
            String technicianId) throws SQLException {
        if (password == null) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM users WHERE username = ?")) {
            delete.setString(1, username);
            delete.executeUpdate(); // re-created below, so the binding follows the fleet on file
        }
        UserAccounts.create(dataSource, username, password, role, customerId, technicianId);
        return password;
    }
}
