package io.forewarn.alerts.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.alerts.AlertsApi;
import io.forewarn.alerts.AlertsApiConfig;
import io.forewarn.alerts.auth.Role;
import io.forewarn.alerts.auth.UserAccounts;
import io.forewarn.alerts.tickets.WorkflowConfig;
import io.forewarn.contracts.service.MaintenanceType;
import io.forewarn.contracts.service.ServiceMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path through a running API with notifications on: a planner resolves a ticket over HTTP, the product
 * hears of the repair on its service topic, and the customer is invited to rate the visit on their channel and
 * can follow that invitation's delivery.
 */
class ResolvedTicketThroughTheApiTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir Path brokerDir;
    private TestBroker broker;
    private OutboxRig rig;
    private AlertsApi api;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        broker = TestBroker.start(brokerDir);
        rig = OutboxRig.withGateway();
        NotificationsConfig notifications = OutboxRig.config(rig.gateway)
                .withMqtt(new NotificationsConfig.Mqtt(broker.uri(), null, null, "api-e2e"));
        api = AlertsApi.start(rig.vertx, AlertsApiConfig.defaults(0), rig.records.dataSource, Clock.systemUTC(),
                WorkflowConfig.defaults(), notifications).await(60, TimeUnit.SECONDS);
        rig.records.customer("cust-dana", "zh", "dana@example.com", "+8613700000000", List.of("APP_PUSH"), "UTC",
                null, null, 5);
        UserAccounts.create(rig.records.dataSource, "planner", PASSWORD, Role.PLANNER, null, null);
        UserAccounts.create(rig.records.dataSource, "dana", PASSWORD, Role.CUSTOMER, "cust-dana", null);
    }

    @AfterEach
    void stop() throws Exception {
        api.close().await(10, TimeUnit.SECONDS);
        rig.close();
        broker.close();
    }

    @Test
    void resolvingATicketTellsTheProductAndInvitesTheCustomerToRateTheVisit() throws Exception {
        rig.records.device("dev-dana", "cust-dana", "ac_split_inverter");
        rig.records.ticket("tk-dana", "dev-dana", "HIGH", Clock.systemUTC().instant());
        rig.records.exec("INSERT INTO technicians (technician_id, name, region, skills) VALUES ('tech-tom', 'Tom', 'north', ARRAY['general'])");
        rig.records.exec("UPDATE tickets SET status = 'IN_PROGRESS', assigned_technician = 'tech-tom' WHERE ticket_id = 'tk-dana'");
        String planner = login("planner");

        try (TestSubscriber product = new TestSubscriber(broker.uri(), "devices/dev-dana/service")) {
            int version = call("GET", "/api/v1/tickets/tk-dana", planner, null, null).getInteger("version");
            call("POST", "/api/v1/tickets/tk-dana/transitions", planner,
                    new JsonObject().put("status", "RESOLVED").put("outcome", "FAILURE_CONFIRMED"), "\"" + version + "\"");

            await().atMost(Duration.ofSeconds(20)).until(() -> !product.received.isEmpty());
            ServiceMessage visit = ServiceMessage.parse(product.received.get(0).payload());
            assertThat(visit.type()).isEqualTo(MaintenanceType.REPAIR);
            assertThat(visit.ticketId()).isEqualTo("tk-dana");
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> !rig.gateway.calls().isEmpty());
        JsonObject push = rig.gateway.calls().get(0).body();
        assertThat(push.getString("kind")).isEqualTo("SURVEY_INVITATION");
        assertThat(push.getString("channel")).isEqualTo("APP_PUSH");
        assertThat(push.getString("title")).isEqualTo("我们的上门服务您满意吗？");
        assertThat(push.getString("link")).isEqualTo("http://localhost:8080/app/#/survey/tk-dana");

        String dana = login("dana");
        JsonArray reminders = call("GET", "/api/v1/reminders", dana, null, null).getJsonArray("items");
        assertThat(reminders).hasSize(1);
        JsonObject invitation = reminders.getJsonObject(0);
        assertThat(invitation.getString("kind")).isEqualTo("SURVEY_INVITATION");
        String invitationId = invitation.getString("reminderId");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "SENT".equals(call("GET", "/api/v1/reminders/" + invitationId + "/deliveries", dana, null, null).getString("status")));
        JsonObject delivery = call("GET", "/api/v1/reminders/" + invitationId + "/deliveries", dana, null, null)
                .getJsonArray("deliveries").getJsonObject(0);
        assertThat(delivery.getString("channel")).isEqualTo("APP_PUSH");
        assertThat(delivery.getJsonArray("attempts").getJsonObject(0).getString("outcome")).isEqualTo("SENT");
    }

    private String login(String username) throws Exception {
        return call("POST", "/api/v1/auth/token", null, new JsonObject().put("username", username).put("password", PASSWORD),
                null).getString("token");
    }

    private JsonObject call(String method, String path, String token, JsonObject body, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return new JsonObject(response.body());
    }
}
