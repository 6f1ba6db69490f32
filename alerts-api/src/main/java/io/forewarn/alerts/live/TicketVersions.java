package io.forewarn.alerts.live;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest version of each ticket announced so far, so a change announced twice (by the API as it commits and by
 * the change feed that sees the row) is passed on once. Remembers the most recently seen tickets only.
 */
final class TicketVersions {
    private final Map<String, Integer> latest;

    TicketVersions(int remembered) {
        latest = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > remembered;
            }
        };
    }

    /**
     * Notes the {@code ticketId} and {@code version} of a {@code TICKET_CHANGED} payload.
     *
     * @return false when that version or a later one was noted before; true otherwise (also for a payload without
     *         a version, which cannot be told apart)
     */
    synchronized boolean isNew(JsonObject change) {
        Integer version = change.getInteger("version");
        String ticketId = change.getString("ticketId");
        if (version == null || ticketId == null) {
            return true;
        }
        Integer known = latest.get(ticketId);
        if (known != null && known >= version) {
            return false;
        }
        latest.put(ticketId, version);
        return true;
    }
}
