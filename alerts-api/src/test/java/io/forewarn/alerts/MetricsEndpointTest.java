package io.forewarn.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.alerts.tickets.WorkflowConfig;
import io.forewarn.contracts.service.Priority;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: Prometheus text with requests by route and status, latency buckets, tickets and breaches. */
class MetricsEndpointTest {
    private static final Instant START = Instant.parse("2030-06-03T08:00:00Z");
    private static WorkflowFixture fx;

    @BeforeAll
    static void start() {
        fx = WorkflowFixture.start("workflow_metrics", START, new WorkflowConfig(1000, Duration.ofMillis(100)));
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @Test
    void requestsAreCountedByRouteTemplateAndStatusWithLatencyBuckets() {
        String id = fx.ticket(Priority.NORMAL);
        double before = value(scrape(), "http_server_requests_seconds_count",
                "method=\"GET\",route=\"/api/v1/tickets/{ticketId}\",status=\"200\"");
        fx.getJson("/api/v1/tickets/" + id, SeedData.PLANNER_USER);
        fx.getJson("/api/v1/tickets/" + id, SeedData.ADMIN_USER);
        fx.get("/api/v1/tickets/" + id, SeedData.BOB_USER);
        fx.get("/api/v1/no-such-thing", SeedData.PLANNER_USER);

        String text = scrape();

        assertThat(value(text, "http_server_requests_seconds_count",
                "method=\"GET\",route=\"/api/v1/tickets/{ticketId}\",status=\"200\"")).isEqualTo(before + 2);
        assertThat(value(text, "http_server_requests_seconds_count",
                "method=\"GET\",route=\"/api/v1/tickets/{ticketId}\",status=\"404\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(text, "http_server_requests_seconds_count",
                "method=\"GET\",route=\"unmatched\",status=\"404\"")).isGreaterThanOrEqualTo(1);
        assertThat(text).contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/api/v1/tickets/{ticketId}\","
                + "status=\"200\",le=\"0.25\"}");
        assertThat(text).doesNotContain(id);
    }

    @Test
    void ticketsByStatusAndRecordedBreachesFollowTheDatabase() {
        double openBefore = value(scrape(), "forewarn_tickets", "status=\"OPEN\"");
        double assignedBefore = value(scrape(), "forewarn_tickets", "status=\"ASSIGNED\"");
        double breachesBefore = value(scrape(), "forewarn_sla_breaches", "clock=\"FIRST_RESPONSE\"");
        fx.clock.set(START);
        String waiting = fx.ticket(Priority.URGENT);
        String assigned = fx.ticket(Priority.URGENT);
        WorkflowFixture.ok(fx.assign(assigned, new JsonObject().put("technicianId", SeedData.TOM)), 200);

        fx.clock.set(START.plus(Duration.ofHours(2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.breaches.stream()
                .anyMatch(b -> b.getString("ticketId").equals(waiting)));
        String text = scrape();

        assertThat(value(text, "forewarn_tickets", "status=\"OPEN\"")).isEqualTo(openBefore + 1);
        assertThat(value(text, "forewarn_tickets", "status=\"ASSIGNED\"")).isEqualTo(assignedBefore + 1);
        assertThat(value(text, "forewarn_sla_breaches", "clock=\"FIRST_RESPONSE\"")).isGreaterThan(breachesBefore);
        assertThat(text).contains("forewarn_tickets{status=\"REOPENED\"} 0.0");
    }

    private static String scrape() {
        HttpResponse<String> response = fx.get("/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        return response.body();
    }

    /** The sample of {@code metric} with exactly these labels, 0 when absent. */
    private static double value(String exposition, String metric, String labels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(metric + "{" + labels + "}") + " (\\S+)$", Pattern.MULTILINE)
                .matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
