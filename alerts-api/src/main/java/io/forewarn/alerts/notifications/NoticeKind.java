package io.forewarn.alerts.notifications;

/** What a reminder row tells the customer (the {@code reminders.kind} column). */
public enum NoticeKind {
    /** The stream job's notice of a predicted failure: what was found, why it matters, what to do, how to book. */
    MAINTENANCE,
    /** After a ticket is resolved: a link to rate the visit. */
    SURVEY_INVITATION
}
