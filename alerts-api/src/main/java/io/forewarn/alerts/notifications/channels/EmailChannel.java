package io.forewarn.alerts.notifications.channels;

import io.forewarn.alerts.notifications.Notice;
import io.forewarn.alerts.notifications.NotificationsConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.regex.Matcher;

/** E-mail over SMTP: a plain-text and a simple HTML body, both in the customer's language. */
public final class EmailChannel implements Channel {
    private final MailClient client;
    private final String from;

    public EmailChannel(Vertx vertx, NotificationsConfig.Smtp smtp) {
        MailConfig config = new MailConfig()
                .setHostname(smtp.host())
                .setPort(smtp.port())
                .setStarttls(StartTLSOptions.valueOf(smtp.startTls().name()))
                .setLogin(smtp.username() == null ? LoginOption.DISABLED : LoginOption.REQUIRED)
                .setUsername(smtp.username())
                .setPassword(smtp.password());
        this.client = MailClient.create(vertx, config);
        this.from = smtp.from();
    }

    @Override
    public String unreachable(Notice notice) {
        String email = notice.recipient().email();
        return email == null || email.isBlank() ? "customer " + notice.recipient().customerId() + " has no e-mail address" : null;
    }

    @Override
    public Future<SendResult> send(Notice notice) {
        MailMessage message = new MailMessage()
                .setFrom(from)
                .setTo(notice.recipient().email())
                .setSubject(notice.title())
                .setText(notice.plainText())
                .setHtml(html(notice));
        return client.sendMail(message)
                .<SendResult>map(result -> new SendResult.Sent(false))
                .otherwise(EmailChannel::classify);
    }

    // A permanent SMTP reply (5xx: no such mailbox, message refused) will not change on a retry; anything else might.
    private static SendResult classify(Throwable failure) {
        if (failure instanceof SMTPException smtp && smtp.isPermanent()) {
            return new SendResult.Failed(SendResult.REJECTED, "SMTP " + smtp.getReplyCode() + ": " + smtp.getReplyMessage());
        }
        return new SendResult.Retry("SMTP: " + failure.getMessage());
    }

    /** The notice as a small HTML page; texts are escaped and their links made clickable. */
    static String html(Notice notice) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(notice.language())
                .append("\">\n<head><meta charset=\"utf-8\"><title>").append(escape(notice.title())).append("</title></head>\n")
                .append("<body style=\"font-family: sans-serif; max-width: 40em; line-height: 1.5\">\n")
                .append("<h1 style=\"font-size: 1.3em\">").append(escape(notice.title())).append("</h1>\n");
        for (Notice.Section section : notice.sections()) {
            if (section.heading() != null) {
                html.append("<h2 style=\"font-size: 1.05em; margin-bottom: 0.2em\">").append(escape(section.heading())).append("</h2>\n");
            }
            html.append("<p>").append(withLinks(section.text())).append("</p>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static String withLinks(String text) {
        StringBuilder out = new StringBuilder();
        Matcher m = Notice.links(text);
        int at = 0;
        while (m.find()) {
            String url = Notice.trimTrailingPunctuation(m.group());
            out.append(escape(text.substring(at, m.start())))
                    .append("<a href=\"").append(escape(url)).append("\">").append(escape(url)).append("</a>");
            at = m.start() + url.length();
        }
        return out.append(escape(text.substring(at))).toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public Future<Void> close() {
        return client.close();
    }
}
