package io.forewarn.alerts.notifications.channels;

import io.forewarn.alerts.notifications.Notice;
import io.vertx.core.Future;

/** One way of reaching a customer: e-mail, a gateway for SMS and app push, or the product's own display. */
public interface Channel {

    /** Why {@code notice} cannot go out this way (the customer has no address here), or null when it can. */
    String unreachable(Notice notice);

    /** One attempt; the future always succeeds, with the outcome (a failure is a {@link SendResult}, not an exception). */
    Future<SendResult> send(Notice notice);

    /** Releases connections. */
    Future<Void> close();
}
