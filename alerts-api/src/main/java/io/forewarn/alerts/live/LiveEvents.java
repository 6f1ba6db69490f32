package io.forewarn.alerts.live;

import io.forewarn.alerts.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The hub of the live-update streams: relays the service events of the event bus to every open stream, numbers
 * them, keeps the recent ones for clients that reconnect with {@code Last-Event-ID}, and runs the {@link ChangeFeed}
 * while at least one stream is open (and a little longer, so a client that reconnects misses nothing).
 */
public final class LiveEvents {
    /** How long the change feed keeps running after the last stream closed: longer than a client's reconnect delay. */
    static final Duration FEED_LINGER = Duration.ofSeconds(30);
    /** Ticket versions remembered to drop an announcement made twice (by the API and by the change feed). */
    private static final int REMEMBERED_TICKETS = 10_000;

    private final Vertx vertx;
    private final LiveConfig config;
    private final ChangeFeed feed;
    /** Tells this server's event ids from another run's: ids restart with the server. */
    private final String epoch = Long.toString(System.currentTimeMillis(), 36);
    private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
    private final Set<EventStream> streams = new LinkedHashSet<>();
    private final Deque<LiveEvent> recent = new ArrayDeque<>();
    private final TicketVersions ticketVersions = new TicketVersions(REMEMBERED_TICKETS);
    private long sequence;
    private long feedStop = -1;
    private boolean closed;

    public LiveEvents(Vertx vertx, Database database, LiveConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.feed = new ChangeFeed(vertx, database, config);
        LiveEvent.NAMES.forEach((address, name) ->
                consumers.add(vertx.eventBus().<JsonObject>consumer(address, m -> relay(name, m.body()))));
    }

    LiveConfig config() {
        return config;
    }

    Vertx vertx() {
        return vertx;
    }

    /** Whether the change feed is polling now (it does while streams are open). */
    public boolean feedRunning() {
        return feed.running();
    }

    /** How many streams are open. */
    public synchronized int streams() {
        return streams.size();
    }

    /** The id a client sends back in {@code Last-Event-ID}: this run's epoch and the event's sequence number. */
    String idOf(LiveEvent event) {
        return epoch + "-" + event.sequence();
    }

    /**
     * Adds {@code stream} to the audience once the change feed runs, and answers what the stream missed: without
     * {@code lastEventId} the events since the call (while the feed started), with it the kept events after that id,
     * oldest first; null when that cannot be told (an id of another run, or older than the kept events), so the
     * client must reload.
     */
    Future<List<LiveEvent>> subscribe(EventStream stream, String lastEventId) {
        long arrived;
        Future<Void> feedReady;
        synchronized (this) {
            if (closed) {
                return Future.failedFuture(new IllegalStateException("the live-update hub is closed"));
            }
            arrived = sequence;
            if (feedStop >= 0) {
                vertx.cancelTimer(feedStop);
                feedStop = -1;
            }
            feedReady = feed.start();
        }
        return feedReady.map(ready -> {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("the live-update hub is closed");
                }
                streams.add(stream);
                return lastEventId == null ? eventsAfter(arrived) : missedSince(lastEventId);
            }
        });
    }

    synchronized void unsubscribe(EventStream stream) {
        if (streams.remove(stream) && streams.isEmpty() && !closed) {
            feedStop = vertx.setTimer(FEED_LINGER.toMillis(), id -> stopFeedIfIdle());
        }
    }

    private synchronized void stopFeedIfIdle() {
        feedStop = -1;
        if (streams.isEmpty()) {
            feed.stop();
        }
    }

    private List<LiveEvent> missedSince(String lastEventId) {
        int dash = lastEventId.lastIndexOf('-');
        long last;
        try {
            last = dash < 0 ? -1 : Long.parseLong(lastEventId.substring(dash + 1));
        } catch (NumberFormatException e) {
            last = -1;
        }
        if (dash < 0 || last < 0 || !lastEventId.substring(0, dash).equals(epoch) || last > sequence) {
            return null;
        }
        long oldestKept = recent.isEmpty() ? sequence + 1 : recent.peekFirst().sequence();
        if (last + 1 < oldestKept) {
            return null;
        }
        return eventsAfter(last);
    }

    private List<LiveEvent> eventsAfter(long last) {
        return recent.stream().filter(e -> e.sequence() > last).toList();
    }

    private void relay(String name, JsonObject payload) {
        List<EventStream> audience;
        LiveEvent event;
        synchronized (this) {
            // The API and the change feed may both announce the same ticket version.
            if (closed || LiveEvent.TICKET_CHANGED.equals(name) && !ticketVersions.isNew(payload)) {
                return;
            }
            event = new LiveEvent(++sequence, name, payload);
            recent.addLast(event);
            while (recent.size() > config.replayEvents()) {
                recent.removeFirst();
            }
            audience = List.copyOf(streams);
        }
        audience.forEach(stream -> stream.offer(event));
    }

    /** Ends every stream, stops the change feed and stops listening to the event bus. */
    public Future<Void> close() {
        List<EventStream> open;
        synchronized (this) {
            if (closed) {
                return Future.succeededFuture();
            }
            closed = true;
            if (feedStop >= 0) {
                vertx.cancelTimer(feedStop);
            }
            feed.stop();
            open = List.copyOf(streams);
            streams.clear();
        }
        open.forEach(EventStream::close);
        return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
    }
}
