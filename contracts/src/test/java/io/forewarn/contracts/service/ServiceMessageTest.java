package io.forewarn.contracts.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.contracts.Json;
import io.forewarn.contracts.service.ServiceMessage.Invalid;
import io.forewarn.contracts.service.ServiceMessage.Phase;
import io.forewarn.contracts.service.ServiceMessage.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The service-visit message as docs/contracts/service-message.md documents it, and what a bad one is told. */
class ServiceMessageTest {

    @Test
    void theDocumentedFormatParsesWithEveryField_unknownFieldsIgnored() {
        ServiceMessage m = parse("""
                {"type":"PREVENTIVE_SERVICE","phase":"STARTED","at":"2026-11-28T10:00:00Z","ticketId":"T-1",
                 "deviceId":"ac-inv-12k-0001","failureMode":"clogged_filter","planId":"ac_filter_service","technician":"ignored"}
                """);
        assertThat(m).isEqualTo(new ServiceMessage(MaintenanceType.PREVENTIVE_SERVICE, Phase.STARTED,
                Instant.parse("2026-11-28T10:00:00Z"), "T-1", "ac-inv-12k-0001", "clogged_filter", "ac_filter_service"));
        assertThat(m.finished()).isFalse();
    }

    @Test
    void aMessageWithoutPhaseIsAFinishedVisit_withoutAtItTakesEffectAtTheNextReading() {
        ServiceMessage m = parse("{\"type\":\"REPAIR\",\"ticketId\":\"T-2\"}");
        assertThat(m.phase()).isEqualTo(Phase.FINISHED);
        assertThat(m.finished()).isTrue();
        assertThat(m.at()).isNull();
    }

    @Test
    void writtenMessagesLeaveOutWhatIsUnknownAndReadBackEqual() {
        ServiceMessage m = new ServiceMessage(MaintenanceType.REPAIR, Phase.FINISHED, null, "T-3", null, "refrigerant_leak", null);
        String json = Json.write(m);
        assertThat(json).doesNotContain("null").doesNotContain("planId").contains("\"failureMode\":\"refrigerant_leak\"");
        assertThat(parse(json)).isEqualTo(m);
    }

    @Test
    void aBadMessageNamesTheProblemAndTheField() {
        assertInvalid("{\"at\":\"2026-11-28T10:00:00Z\"}", Problem.MISSING_FIELD, "type");
        assertInvalid("{\"type\":\"CLEANING\"}", Problem.WRONG_TYPE, "type");
        assertInvalid("{\"type\":\"REPAIR\",\"phase\":\"PAUSED\"}", Problem.WRONG_TYPE, "phase");
        assertInvalid("{\"type\":\"REPAIR\",\"at\":\"yesterday\"}", Problem.WRONG_TYPE, "at");
        assertInvalid("{\"type\":", Problem.INVALID_JSON, null);
        assertInvalid("", Problem.INVALID_JSON, null);
        assertInvalid("[\"REPAIR\"]", Problem.NOT_AN_OBJECT, null);
        assertInvalid("null", Problem.NOT_AN_OBJECT, null);
    }

    @Test
    void theDeviceIsReadFromAServiceTopicOnly() {
        assertThat(ServiceMessage.deviceIdOf(ServiceMessage.topicFor("wm-fl-9kg-0003"))).isEqualTo("wm-fl-9kg-0003");
        assertThat(ServiceMessage.deviceIdOf("devices/wm-fl-9kg-0003/telemetry")).isNull();
        assertThat(ServiceMessage.deviceIdOf("devices//service")).isNull();
        assertThat(ServiceMessage.deviceIdOf("devices/a/b/service")).isNull();
    }

    private static ServiceMessage parse(String json) {
        return ServiceMessage.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertInvalid(String json, Problem problem, String field) {
        assertThatThrownBy(() -> parse(json))
                .as(json)
                .isInstanceOfSatisfying(Invalid.class, e -> {
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.field()).isEqualTo(field);
                })
                .hasMessageStartingWith("invalid service message:");
    }
}
