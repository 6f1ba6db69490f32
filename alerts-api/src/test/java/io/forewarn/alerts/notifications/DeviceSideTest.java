package io.forewarn.alerts.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.alerts.events.ServiceEvents;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.fleet.SimulatedDevice;
import io.forewarn.contracts.service.MaintenanceType;
import io.forewarn.contracts.service.ServiceMessage;
import io.forewarn.simulator.notices.DeviceNotice;
import io.forewarn.simulator.publish.FleetPublisher;
import io.forewarn.simulator.truth.GroundTruth;
import io.forewarn.simulator.truth.MaintenanceRecord;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's side, against a real HiveMQ broker and the device simulator: notices reach the simulated product's
 * display, and a resolved ticket ends its fault.
 */
class DeviceSideTest {
    private static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    private static final Instant SIM_START = Instant.parse("2026-11-25T00:00:00Z");

    @TempDir static Path brokerDir;
    static TestBroker broker;

    private OutboxRig rig;
    private Fleet fleet;
    private FleetPublisher publisher;
    private Notifications notifications;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TestBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @BeforeEach
    void start() {
        rig = new OutboxRig();
        fleet = Fleet.create(CATALOG, FleetConfig.defaults().withStart(SIM_START).withDegradingDevices(1).withDevices(4)
                .withSpeedUp(36_000).withServerUri(broker.uri()).withConnections(1).withListenForService(true)
                .withClientIdPrefix("sim-" + System.nanoTime()));
        for (SimulatedDevice device : fleet.devices()) {
            String customer = "cust-" + device.deviceId();
            rig.records.customer(customer, "en", List.of("DEVICE"));
            rig.records.device(device.deviceId(), customer, device.model().id());
        }
        publisher = new FleetPublisher(fleet, stats -> { }).start();
        notifications = rig.notifications(OutboxRig.config(null).withMqtt(
                new NotificationsConfig.Mqtt(broker.uri(), null, null, "api-" + System.nanoTime()))).start();
    }

    @AfterEach
    void stop() throws Exception {
        publisher.close();
        rig.close();
    }

    @Test
    void aNoticeReachesTheSimulatedProductsDisplayInItsFormat() throws Exception {
        SimulatedDevice device = fleet.devices().get(2);
        try (TestSubscriber display = new TestSubscriber(broker.uri(), "devices/" + device.deviceId() + "/notices")) {
            rig.records.ticket("tk-display", device.deviceId(), "HIGH", OutboxRig.START);
            rig.records.reminder("rem-display", "tk-display", "en", OutboxRig.START);

            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.stats().noticesReceived() == 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> !display.received.isEmpty());

            DeviceNotice notice = DeviceNotice.parse(display.received.get(0).payload());
            assertThat(notice.title()).isEqualTo("Preventive maintenance recommended for your air conditioner");
            assertThat(notice.language()).isEqualTo("en");
            assertThat(notice.body()).contains("The compressor's vibration is rising.", "Book a visit at http://");
            JsonObject extra = new JsonObject(new String(display.received.get(0).payload()));
            assertThat(extra.getString("noticeId")).isEqualTo("rem-display");
            assertThat(extra.getString("ticketId")).isEqualTo("tk-display");
            await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(rig.records.reminderStatus("rem-display")));
        }
    }

    @Test
    void aNoticeForAProductThatIsNotListeningWaitsForARetry() {
        rig.records.customer("cust-offline", "en", List.of("DEVICE"));
        rig.records.device("dev-offline", "cust-offline", "ac_split_inverter");
        rig.records.ticket("tk-offline", "dev-offline", "NORMAL", OutboxRig.START);
        rig.records.reminder("rem-offline", "tk-offline", "en", OutboxRig.START);

        await().atMost(Duration.ofSeconds(20)).until(() -> !rig.records.attempts("rem-offline").isEmpty());

        JsonObject retry = rig.records.delivery("rem-offline", "DEVICE");
        assertThat(retry.getString("state")).isEqualTo("RETRY");
        assertThat(retry.getString("last_error")).contains("no device listens on devices/dev-offline/notices");
    }

    @Test
    void aResolvedTicketRepairsTheSimulatedProductAndInvitesTheCustomerToRateTheVisit() throws Exception {
        GroundTruth planned = fleet.groundTruth().get(0);
        SimulatedDevice worn = fleet.device(planned.deviceId()).orElseThrow();
        rig.records.ticket("tk-repair", worn.deviceId(), "URGENT", OutboxRig.START);
        assertThat(publisher.stats().faultsActive()).isEqualTo(1);

        try (TestSubscriber product = new TestSubscriber(broker.uri(), "devices/" + worn.deviceId() + "/service")) {
            rig.vertx.eventBus().publish(ServiceEvents.TICKET_RESOLVED, new JsonObject()
                    .put("ticketId", "tk-repair").put("status", "RESOLVED").put("priority", "URGENT")
                    .put("deviceId", worn.deviceId()).put("customerId", "cust-" + worn.deviceId())
                    .put("outcome", "PART_REPLACED").put("failureMode", planned.failureMode())
                    .put("productModel", worn.model().id()));

            // The simulator counts the visit, then records it in the ground truth: wait for the record.
            await().atMost(Duration.ofSeconds(20)).until(() -> !publisher.truthRecorded().isEmpty());
            assertThat(publisher.stats().serviceEvents()).isEqualTo(1);
            assertThat(publisher.stats().faultsActive()).isZero();
            MaintenanceRecord repair = (MaintenanceRecord) publisher.truthRecorded().get(0);
            assertThat(repair.type()).isEqualTo(MaintenanceType.REPAIR);
            assertThat(repair.ticketId()).isEqualTo("tk-repair");
            await().atMost(Duration.ofSeconds(5)).until(() -> !product.received.isEmpty());
            ServiceMessage sent = ServiceMessage.parse(product.received.get(0).payload());
            assertThat(sent.type()).isEqualTo(MaintenanceType.REPAIR);
            assertThat(sent.at()).as("at the product's next reading").isNull();
        }

        String invitation = SurveyInvitation.idFor("tk-repair");
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(rig.records.reminderStatus(invitation)));
        JsonObject row = rig.records.rows("SELECT kind, title, how_to_book FROM reminders WHERE reminder_id = ?", invitation).get(0);
        assertThat(row.getString("kind")).isEqualTo("SURVEY_INVITATION");
        assertThat(row.getString("title")).isEqualTo("How did our service visit go?");
        assertThat(row.getString("how_to_book")).isEqualTo("Rate the service at http://localhost:8080/app/#/survey/tk-repair.");
        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.stats().noticesReceived() == 1);
    }
}
