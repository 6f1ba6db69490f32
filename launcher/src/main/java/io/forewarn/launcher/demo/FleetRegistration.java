package io.forewarn.launcher.demo;

import io.forewarn.contracts.catalog.FailureMode;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.simulator.faults.FaultKind;
import io.forewarn.simulator.fleet.DeviceProfile;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.truth.GroundTruth;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;

/** Registers the simulated fleet's customers, devices and a technician crew per region, idempotently. */
public final class FleetRegistration {
    private static final List<String[]> CREW = List.of(
            new String[] {"refrigeration", "general"},
            new String[] {"plumbing", "general"},
            new String[] {"appliance_mechanical", "general"},
            new String[] {"industrial_mechanical", "general"});

    private FleetRegistration() {}

    public static void register(DataSource dataSource, Fleet fleet) throws SQLException {
        register(dataSource, fleet.profiles());
    }

    /** Registers these devices and their customers (e.g. of a recorded dataset), and the crew. */
    public static void register(DataSource dataSource, List<DeviceProfile> profiles) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement customer = c.prepareStatement("""
                    INSERT INTO customers (customer_id, name, email, language, channels)
                    VALUES (?, ?, ?, ?, ARRAY['DEVICE', 'EMAIL']) ON CONFLICT (customer_id) DO NOTHING""");
                 PreparedStatement device = c.prepareStatement("""
                    INSERT INTO devices (device_id, product_model, customer_id, region, installed_on, warranty_end)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (device_id) DO NOTHING""")) {
                for (DeviceProfile p : profiles) {
                    customer.setString(1, p.customerId());
                    customer.setString(2, p.customerName());
                    customer.setString(3, p.email());
                    customer.setString(4, p.language());
                    customer.addBatch();
                    device.setString(1, p.deviceId());
                    device.setString(2, p.productModel());
                    device.setString(3, p.customerId());
                    device.setString(4, p.region());
                    device.setDate(5, Date.valueOf(p.installedOn()));
                    device.setDate(6, Date.valueOf(p.warrantyEnd()));
                    device.addBatch();
                }
                customer.executeBatch();
                device.executeBatch();
            }
            try (PreparedStatement technician = c.prepareStatement("""
                    INSERT INTO technicians (technician_id, name, region, skills, capacity)
                    VALUES (?, ?, ?, ?, 5) ON CONFLICT (technician_id) DO NOTHING""")) {
                for (String region : DeviceProfile.REGIONS) {
                    for (int i = 0; i < CREW.size(); i++) {
                        technician.setString(1, "tech-" + region + "-" + (i + 1));
                        technician.setString(2, "Technician " + (i + 1) + " (" + region + ")");
                        technician.setString(3, region);
                        technician.setArray(4, c.createArrayOf("text", CREW.get(i)));
                        technician.addBatch();
                    }
                }
                technician.executeBatch();
            }
            c.commit();
        }
    }

    /** The technician of a region who has a skill: the crew above has one specialist per skill in every region. */
    static String technicianFor(String region, String skill) {
        for (int i = 0; i < CREW.size(); i++) {
            if (CREW.get(i)[0].equals(skill)) {
                return "tech-" + region + "-" + (i + 1);
            }
        }
        return "tech-" + region + "-1"; // "general" work: every crew member has that skill
    }

    /** The demo's customer and technician logins stand for the owner of the first product to degrade and its repairer. */
    static DemoCredentials.Subjects demoSubjects(Fleet fleet, ProductCatalog catalog) {
        return fleet.groundTruth().stream()
                .filter(t -> t.kind() != FaultKind.SUDDEN)
                .min(Comparator.comparing(GroundTruth::onsetAt).thenComparing(GroundTruth::deviceId))
                .map(t -> {
                    DeviceProfile owner = fleet.profiles().stream().filter(p -> p.deviceId().equals(t.deviceId())).findFirst().orElseThrow();
                    String skill = catalog.model(t.productModel()).flatMap(m -> m.failureMode(t.failureMode()))
                            .map(FailureMode::requiredSkill).orElse("general");
                    return new DemoCredentials.Subjects(owner.customerId(), technicianFor(owner.region(), skill));
                })
                .orElse(new DemoCredentials.Subjects(null, null));
    }
}
