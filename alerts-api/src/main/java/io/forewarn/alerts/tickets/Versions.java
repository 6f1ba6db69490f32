package io.forewarn.alerts.tickets;

import io.forewarn.alerts.http.ApiProblem;

/**
 * Optimistic concurrency for tickets: the ETag of a ticket is its version; a change must send it back in
 * {@code If-Match}, so a planner acting on a stale view gets 412 instead of overwriting someone else's change.
 */
final class Versions {
    private Versions() {}

    static String etag(int version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match header names: 428 when absent, 412 when it is not a version this API issued. */
    static int fromIfMatch(String header) {
        if (header == null || header.isBlank()) {
            throw new ApiProblem(428, "Precondition Required",
                    "send the ticket's ETag (its version) in If-Match, as read from GET /api/v1/tickets/{ticketId}");
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ApiProblem(412, "Precondition Failed", "If-Match " + header + " is not a ticket version;"
                    + " send the ETag from GET /api/v1/tickets/{ticketId}");
        }
    }
}
