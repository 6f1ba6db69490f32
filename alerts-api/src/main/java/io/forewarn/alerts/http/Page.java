package io.forewarn.alerts.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** One page of a list: its items and the cursor of the next page, null on the last page. */
public record Page(JsonArray items, String nextCursor) {
    public JsonObject toJson() {
        return new JsonObject().put("items", items).put("nextCursor", nextCursor);
    }
}
