package io.forewarn.alerts.technicians;

import io.forewarn.alerts.db.Keyset;
import io.forewarn.alerts.db.Select;
import io.forewarn.alerts.http.Page;
import io.forewarn.alerts.http.PageRequest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads technicians with their current load (blocking JDBC). */
public final class TechnicianQueries {
    /** Tickets that keep a technician busy. */
    private static final String OPEN_ASSIGNMENT_STATES = "('ASSIGNED', 'IN_PROGRESS', 'REOPENED')";
    private static final String SELECT = "SELECT te.technician_id, te.name, te.region, te.skills, te.capacity,"
            + " (SELECT count(*) FROM tickets a WHERE a.assigned_technician = te.technician_id"
            + " AND a.status IN " + OPEN_ASSIGNMENT_STATES + ") AS open_assignments"
            + " FROM technicians te";
    private static final Keyset ORDER = Keyset.byId("te.technician_id");

    private TechnicianQueries() {}

    /** Optional filters of the list; null means "any". */
    public record Filter(String region, String skill) {}

    public static Page list(Connection connection, Filter filter, PageRequest page) throws SQLException {
        Select select = new Select(SELECT)
                .whereIfPresent("te.region = ?", filter.region())
                .whereIfPresent("? = ANY (te.skills)", filter.skill());
        return ORDER.fetch(connection, select, page, rs -> technician(rs).toJson());
    }

    public static Optional<Technician> get(Connection connection, String technicianId) throws SQLException {
        List<Technician> found = query(connection, new Select(SELECT).where("te.technician_id = ?", technicianId));
        return found.stream().findFirst();
    }

    /** Every technician, for dispatch. */
    public static List<Technician> all(Connection connection) throws SQLException {
        return query(connection, new Select(SELECT));
    }

    private static List<Technician> query(Connection connection, Select select) throws SQLException {
        List<Technician> technicians = new ArrayList<>();
        try (PreparedStatement statement = select.prepare(connection, "ORDER BY te.technician_id");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                technicians.add(technician(rs));
            }
        }
        return technicians;
    }

    private static Technician technician(ResultSet rs) throws SQLException {
        Array skills = rs.getArray("skills");
        return new Technician(rs.getString("technician_id"), rs.getString("name"), rs.getString("region"),
                List.of((String[]) skills.getArray()), rs.getInt("capacity"), rs.getInt("open_assignments"));
    }
}
