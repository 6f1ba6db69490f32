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

/** The planner login the demo prints and keeps in {@code demo-credentials.json}; reused across restarts. */
public record DemoCredentials(String apiUrl, String username, String password, String role, String tokenUrl, String example) {
    static final String FILE = "demo-credentials.json";
    static final String PLANNER = "planner";

    static DemoCredentials ensure(Path dataDir, DataSource dataSource, String apiUrl) throws IOException, SQLException {
        Path file = dataDir.resolve(FILE);
        String password = Files.exists(file) ? Json.read(Files.readString(file), DemoCredentials.class).password() : null;
        if (password == null) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM users WHERE username = ?")) {
            delete.setString(1, PLANNER);
            delete.executeUpdate(); // re-created below with the password on file
        }
        UserAccounts.create(dataSource, PLANNER, password, Role.PLANNER, null, null);
        String tokenUrl = apiUrl + "/api/v1/auth/token";
        String example = "TOKEN=$(curl -s -X POST " + tokenUrl + " -H 'content-type: application/json' -d '{\"username\":\""
                + PLANNER + "\",\"password\":\"" + password + "\"}' | sed 's/.*\"token\":\"\\([^\"]*\\)\".*/\\1/'); "
                + "curl -s -H \"authorization: Bearer $TOKEN\" " + apiUrl + "/api/v1/tickets";
        DemoCredentials credentials = new DemoCredentials(apiUrl, PLANNER, password, "planner", tokenUrl, example);
        Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(credentials));
        return credentials;
    }
}
