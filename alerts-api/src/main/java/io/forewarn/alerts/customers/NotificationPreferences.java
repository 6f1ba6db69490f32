package io.forewarn.alerts.customers;

import io.forewarn.alerts.http.ApiProblem;
import io.forewarn.alerts.notifications.channels.Channels;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a customer wants to be notified: on which channels (in order of preference), not during which quiet hours
 * of their own time zone, in which language, and at most how many notices a week.
 *
 * @param quietStart null (with quietEnd) when the customer has no quiet hours
 * @param timeZone an IANA time-zone id such as Asia/Shanghai
 */
public record NotificationPreferences(
        String customerId,
        List<String> channels,
        LocalTime quietStart,
        LocalTime quietEnd,
        String timeZone,
        String language,
        int maxNoticesPerWeek) {

    public static final int MAX_NOTICES_PER_WEEK = 100;
    private static final Set<String> LANGUAGES = Set.of("en", "zh");

    /** Checks a PUT body (already shaped by the contract) and names the first thing wrong with it (400). */
    public static NotificationPreferences fromRequest(String customerId, JsonObject body) {
        List<String> channels = channelsOf(body.getJsonArray("channels"));
        LocalTime start = null;
        LocalTime end = null;
        JsonObject quiet = body.getJsonObject("quietHours");
        if (quiet != null) {
            start = time(quiet.getString("start"), "quietHours.start");
            end = time(quiet.getString("end"), "quietHours.end");
            if (start.equals(end)) {
                throw ApiProblem.badRequest("quietHours.start and quietHours.end must differ; send quietHours: null for none");
            }
        }
        String zone = body.getString("timeZone");
        if (zone == null || !ZoneId.getAvailableZoneIds().contains(zone)) {
            throw ApiProblem.badRequest("timeZone must be an IANA time-zone id such as Asia/Shanghai or Europe/Berlin, was '"
                    + zone + "'");
        }
        String language = body.getString("language");
        if (!LANGUAGES.contains(language)) {
            throw ApiProblem.badRequest("language must be en or zh, was '" + language + "'");
        }
        Integer cap = body.getInteger("maxNoticesPerWeek");
        if (cap == null || cap < 1 || cap > MAX_NOTICES_PER_WEEK) {
            throw ApiProblem.badRequest("maxNoticesPerWeek must be 1.." + MAX_NOTICES_PER_WEEK + ", was " + cap);
        }
        return new NotificationPreferences(customerId, channels, start, end, zone, language, cap);
    }

    private static List<String> channelsOf(JsonArray array) {
        if (array == null || array.isEmpty()) {
            throw ApiProblem.badRequest("channels must name at least one of " + String.join(", ", sortedChannels()));
        }
        Set<String> channels = new LinkedHashSet<>();
        for (Object value : array) {
            if (!(value instanceof String name) || !Channels.NAMES.contains(name)) {
                throw ApiProblem.badRequest("channels: '" + value + "' is not one of " + String.join(", ", sortedChannels()));
            }
            if (!channels.add(name)) {
                throw ApiProblem.badRequest("channels: " + name + " is listed twice");
            }
        }
        return List.copyOf(channels);
    }

    private static List<String> sortedChannels() {
        List<String> names = new ArrayList<>(Channels.NAMES);
        names.sort(null);
        return names;
    }

    private static LocalTime time(String value, String field) {
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw ApiProblem.badRequest(field + " must be a time of day such as 22:00, was '" + value + "'");
        }
    }

    public JsonObject toJson() {
        JsonObject quiet = quietStart == null || quietEnd == null ? null
                : new JsonObject().put("start", hhmm(quietStart)).put("end", hhmm(quietEnd));
        return new JsonObject()
                .put("customerId", customerId)
                .put("channels", new JsonArray(channels))
                .put("quietHours", quiet)
                .put("timeZone", timeZone)
                .put("language", language)
                .put("maxNoticesPerWeek", maxNoticesPerWeek);
    }

    private static String hhmm(LocalTime time) {
        return String.format("%02d:%02d", time.getHour(), time.getMinute());
    }
}
