package io.forewarn.alerts;

import static io.forewarn.alerts.PredictionsApiTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Customers see only their own devices' rows, technicians only their assigned tickets; the rest is 404. */
class TenancyTest {
    private final TestApi api = TestApi.get();

    @Test
    void customerSeesOnlyRowsOfTheirOwnDevices() {
        assertThat(ids(api.getJson("/api/v1/devices", SeedData.ALICE_USER), "deviceId"))
                .containsExactly("dev-a1", "dev-a2", "dev-a3");
        assertThat(ids(api.getJson("/api/v1/tickets", SeedData.ALICE_USER), "ticketId"))
                .containsExactly("tk-4", "tk-2", "tk-1");
        assertThat(ids(api.getJson("/api/v1/reminders", SeedData.ALICE_USER), "reminderId"))
                .containsExactly("rem-2", "rem-1");
        assertThat(ids(api.getJson("/api/v1/predictions", SeedData.ALICE_USER), "predictionId"))
                .containsExactly("pred-2", "pred-4", "pred-1");
        assertThat(ids(api.getJson("/api/v1/tickets", SeedData.BOB_USER), "ticketId")).containsExactly("tk-5", "tk-3");
    }

    @Test
    void customerReadsOwnDeviceAndTicket() {
        assertThat(api.getJson("/api/v1/devices/dev-b1", SeedData.BOB_USER).getString("customerId")).isEqualTo(SeedData.BOB);
        assertThat(api.getJson("/api/v1/tickets/tk-3", SeedData.BOB_USER).getString("ticketId")).isEqualTo("tk-3");
    }

    @Test
    void customerGets404ForAnotherCustomersDeviceAndTicket() {
        String bob = api.tokenFor(SeedData.BOB_USER);
        AuthenticationTest.assertProblem(api.get("/api/v1/devices/dev-a1", bob), 404);
        AuthenticationTest.assertProblem(api.get("/api/v1/tickets/tk-1", bob), 404);
    }

    @Test
    void customerFilteringForAForeignDeviceOrCustomerGetsNothing() {
        assertThat(ids(api.getJson("/api/v1/reminders?customerId=" + SeedData.ALICE, SeedData.BOB_USER), "reminderId"))
                .isEmpty();
        assertThat(ids(api.getJson("/api/v1/predictions?deviceId=dev-a1", SeedData.BOB_USER), "predictionId")).isEmpty();
    }

    @Test
    void technicianSeesOnlyTicketsAssignedToThem() {
        assertThat(ids(api.getJson("/api/v1/tickets", SeedData.TOM_USER), "ticketId")).containsExactly("tk-4", "tk-1");
        assertThat(ids(api.getJson("/api/v1/tickets", SeedData.TINA_USER), "ticketId")).containsExactly("tk-3");
        assertThat(api.getJson("/api/v1/tickets/tk-1", SeedData.TOM_USER).getString("assignedTechnician"))
                .isEqualTo(SeedData.TOM);
        AuthenticationTest.assertProblem(api.get("/api/v1/tickets/tk-3", api.tokenFor(SeedData.TOM_USER)), 404);
        // Unassigned tk-2 sits on one of Alice's devices, but nobody gave it to Tom.
        AuthenticationTest.assertProblem(api.get("/api/v1/tickets/tk-2", api.tokenFor(SeedData.TOM_USER)), 404);
    }

    @Test
    void technicianSeesTheDevicesOfTheirTicketsOnly() {
        assertThat(ids(api.getJson("/api/v1/devices", SeedData.TINA_USER), "deviceId")).containsExactly("dev-b1");
        assertThat(ids(api.getJson("/api/v1/reminders", SeedData.TINA_USER), "reminderId")).containsExactly("rem-3");
        AuthenticationTest.assertProblem(api.get("/api/v1/devices/dev-a1", api.tokenFor(SeedData.TINA_USER)), 404);
    }
}
