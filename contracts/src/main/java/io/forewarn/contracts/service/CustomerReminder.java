package io.forewarn.contracts.service;

import java.time.Instant;

/**
 * A notice to the product's owner, queued for delivery on their chosen channel and in their language.
 * See docs/contracts/customer-reminder.md.
 *
 * @param reminderId deterministic from the ticket it belongs to, so replays never queue it twice
 * @param language zh or en, from the customer's preferences
 * @param channel EMAIL, SMS, APP_PUSH or DEVICE
 * @param status QUEUED when created by the job; the API's outbox moves it on
 */
public record CustomerReminder(
        int schemaVersion,
        String reminderId,
        String ticketId,
        String deviceId,
        String customerId,
        String language,
        String channel,
        String status,
        Instant createdAt,
        String title,
        String whatWeFound,
        String whyItMatters,
        String whatToDo,
        String howToBook) {

    public static final int SCHEMA_VERSION = 1;
}
