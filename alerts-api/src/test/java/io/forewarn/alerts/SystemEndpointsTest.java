package io.forewarn.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SystemEndpointsTest {
    private final TestApi api = TestApi.get();

    @Test
    void healthAnswersWithoutATokenAfterQueryingTheDatabase() {
        HttpResponse<String> response = api.get("/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()))
                .isEqualTo(new JsonObject().put("status", "UP").put("database", "UP"));
    }

    @Test
    void openApiDocumentIsServedWithoutATokenAndDescribesEveryOperation() {
        HttpResponse<String> response = api.get("/openapi.yaml", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/yaml"));
        assertThat(response.body()).startsWith("openapi: 3.1.0").contains(
                "operationId: issueToken", "operationId: listPredictions", "operationId: listTickets",
                "operationId: getTicket", "operationId: listReminders", "operationId: listDevices",
                "operationId: getDevice", "operationId: listDeadLetters", "operationId: summarizeDeadLetters");
    }
}
