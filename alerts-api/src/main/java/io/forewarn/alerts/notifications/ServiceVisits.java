package io.forewarn.alerts.notifications;

import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.events.ServiceEvents;
import io.forewarn.alerts.notifications.channels.MqttLink;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a resolved ticket ({@link ServiceEvents#TICKET_RESOLVED}) on the customer's side: the product is told
 * it was serviced ({@code devices/{deviceId}/service}, which ends the fault in a simulated product), and the customer
 * is invited to rate the visit.
 */
final class ServiceVisits {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceVisits.class);
    /** Tries of a service-visit message, 2 s, 4 s, 8 s and 16 s apart: it is not kept in the outbox. */
    private static final int SEND_ATTEMPTS = 5;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);

    private final Database database;
    private final MqttLink mqtt;
    private final ProductCatalog catalog;
    private final String publicUrl;
    private final Clock clock;
    private final Vertx vertx;
    private MessageConsumer<JsonObject> consumer;
    private volatile boolean stopped;

    /** @param mqtt null when no broker is configured: then only the invitation is queued */
    ServiceVisits(Vertx vertx, Database database, MqttLink mqtt, ProductCatalog catalog, String publicUrl, Clock clock) {
        this.vertx = vertx;
        this.database = database;
        this.mqtt = mqtt;
        this.catalog = catalog;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    void listen() {
        consumer = vertx.eventBus().consumer(ServiceEvents.TICKET_RESOLVED, this::onResolved);
    }

    Future<Void> stop() {
        stopped = true;
        return consumer == null ? Future.succeededFuture() : consumer.unregister();
    }

    private void onResolved(Message<JsonObject> message) {
        JsonObject event = message.body();
        String ticketId = event.getString("ticketId");
        String deviceId = event.getString("deviceId");
        if (ticketId == null || deviceId == null) {
            LOG.warn("ticket resolution without ticketId or deviceId ignored: {}", event.encode());
            return;
        }
        tellTheProduct(ticketId, deviceId, event.getString("outcome"));
        inviteToRate(ticketId, event.getString("productModel"));
    }

    private void tellTheProduct(String ticketId, String deviceId, String outcome) {
        ServiceVisitMessage visit = ServiceVisitMessage.forOutcome(outcome, ticketId, deviceId);
        if (visit != null && mqtt != null) {
            send(visit, 1);
        }
    }

    // A broker that is away for a moment (reconnecting) gets a few more tries, a little further apart each time.
    private void send(ServiceVisitMessage visit, int attempt) {
        mqtt.publish(ServiceVisitMessage.topicFor(visit.deviceId()), visit.toJson().encode().getBytes(StandardCharsets.UTF_8))
                .onSuccess(published -> LOG.info("{} of ticket {} sent to {}{}", visit.type(), visit.ticketId(),
                        visit.deviceId(), published.subscribed() ? "" : " (no product listening)"))
                .onFailure(e -> {
                    if (stopped) {
                        return;
                    }
                    if (attempt >= SEND_ATTEMPTS) {
                        LOG.warn("{} of ticket {} could not be sent to {} after {} attempts: {}", visit.type(),
                                visit.ticketId(), visit.deviceId(), attempt, e.getMessage());
                        return;
                    }
                    vertx.setTimer(FIRST_RETRY.toMillis() << (attempt - 1), id -> send(visit, attempt + 1));
                });
    }

    private void inviteToRate(String ticketId, String productModel) {
        database.query(c -> SurveyInvitation.queue(c, ticketId, publicUrl, language -> productName(productModel, language),
                        clock.instant()))
                .onSuccess(reminderId -> {
                    if (reminderId != null) {
                        LOG.debug("survey invitation {} queued for ticket {}", reminderId, ticketId);
                    }
                })
                .onFailure(e -> LOG.warn("survey invitation for ticket {} not queued: {}", ticketId, e.toString()));
    }

    private String productName(String productModel, String language) {
        String fallback = "zh".equals(language) ? "产品" : "product";
        if (productModel == null || catalog == null) {
            return fallback;
        }
        return catalog.model(productModel).map(ProductModel::name).map(name -> name.in(language)).orElse(fallback);
    }
}
