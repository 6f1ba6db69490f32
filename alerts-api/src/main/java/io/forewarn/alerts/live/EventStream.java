package io.forewarn.alerts.live;

import io.forewarn.alerts.auth.Caller;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One open {@code text/event-stream} response: the events its caller may see, as SSE frames, and a heartbeat comment.
 * Everything it writes is written on the context of its request, in order. A client that does not keep up (the
 * connection's write queue is full) is disconnected; it reconnects with {@code Last-Event-ID} and gets the rest.
 */
final class EventStream {
    /** How long a disconnected EventSource waits before it reconnects, told to it in the first frame. */
    static final int RETRY_MILLIS = 3000;

    private final LiveEvents hub;
    private final Context context;
    private final HttpServerResponse response;
    private final Caller caller;
    private final long maxEvents;
    private long sent;
    private long heartbeat = -1;
    private boolean closed;

    EventStream(LiveEvents hub, Context context, HttpServerResponse response, Caller caller, Integer maxEvents) {
        this.hub = hub;
        this.context = context;
        this.response = response;
        this.caller = caller;
        this.maxEvents = maxEvents == null ? Long.MAX_VALUE : maxEvents;
    }

    /** Sends the head of the stream, what the client missed since {@code lastEventId}, and from then on every event. */
    void open(String lastEventId) {
        response.setStatusCode(200)
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                // Reverse proxies (nginx) would otherwise buffer the stream.
                .putHeader("X-Accel-Buffering", "no");
        response.closeHandler(v -> closeNow());
        response.write("retry: " + RETRY_MILLIS + "\n\n");
        hub.subscribe(this, lastEventId).onComplete(subscribed -> {
            if (subscribed.failed()) {
                closeNow();
                return;
            }
            List<LiveEvent> missed = subscribed.result();
            // From "ready" on the client misses nothing: the change feed has had its first look.
            send(null, "ready", new JsonObject()
                    .put("role", caller.role().wireName())
                    .put("resumed", lastEventId != null && missed != null));
            if (missed == null) {
                // The events since the client's last one are gone: it reloads what it shows.
                send(null, "resync", new JsonObject().put("reason", "events since " + lastEventId + " are no longer kept"));
            } else {
                missed.forEach(this::write);
            }
            if (!closed) {
                heartbeat = hub.vertx().setPeriodic(hub.config().heartbeat().toMillis(), id -> heartbeat());
            }
        });
    }

    /** Called by the hub for every event, on any thread. */
    void offer(LiveEvent event) {
        if (event.visibleTo(caller)) {
            context.runOnContext(v -> write(event));
        }
    }

    private void write(LiveEvent event) {
        if (event.visibleTo(caller)) {
            send(hub.idOf(event), event.name(), event.payloadFor(caller));
        }
    }

    private void send(String id, String name, JsonObject data) {
        if (closed) {
            return;
        }
        if (response.writeQueueFull()) {
            closeNow();
            return;
        }
        StringBuilder frame = new StringBuilder();
        if (id != null) {
            frame.append("id: ").append(id).append('\n');
        }
        // JSON text has no raw line breaks, so one data line carries it whole.
        frame.append("event: ").append(name).append('\n').append("data: ").append(data.encode()).append("\n\n");
        response.write(frame.toString());
        if (++sent >= maxEvents) {
            closeNow();
        }
    }

    private void heartbeat() {
        if (!closed) {
            response.write(": heartbeat\n\n");
        }
    }

    /** Ends the response (if it is still open) and leaves the hub; safe to call twice and from any thread. */
    void close() {
        context.runOnContext(v -> closeNow());
    }

    private void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        if (heartbeat >= 0) {
            hub.vertx().cancelTimer(heartbeat);
        }
        hub.unsubscribe(this);
        if (!response.ended() && !response.closed()) {
            response.end();
        }
    }
}
