package io.forewarn.alerts.notifications;

import static io.forewarn.alerts.notifications.OutboxRig.round;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.forewarn.alerts.notifications.NotificationsConfig.Smtp;
import io.forewarn.alerts.notifications.NotificationsConfig.StartTls;
import io.forewarn.alerts.notifications.channels.SendResult;
import io.vertx.core.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** E-mail notices through a real SMTP server (GreenMail). */
class EmailDeliveryTest {
    private OutboxRig rig;
    private GreenMail smtp;
    private Notifications notifications;

    @BeforeEach
    void start() throws Exception {
        rig = new OutboxRig();
        smtp = new GreenMail(new ServerSetup(TestBroker.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        notifications = rig.notifications(OutboxRig.config(null).withSmtp(smtpAt(smtp.getSmtp().getPort())));
    }

    private static Smtp smtpAt(int port) {
        return new Smtp("127.0.0.1", port, null, null, "Forewarn Service <service@forewarn.example>", StartTls.DISABLED);
    }

    @AfterEach
    void stop() throws Exception {
        smtp.stop();
        rig.close();
    }

    @Test
    void aChineseCustomerGetsTheNoticeInChineseAsTextAndHtml() throws Exception {
        String reminder = rig.records.notice("zh", "zh", List.of("EMAIL"), OutboxRig.START);

        round(notifications);

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("您的空调需要预防性维护");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("cust-zh@example.com");
        assertThat(mail.getFrom()[0].toString()).contains("service@forewarn.example");
        String text = part(mail, "text/plain");
        assertThat(text).contains("我们发现了什么", "压缩机振动正在升高。", "为什么重要", "不处理会导致压缩机卡死。",
                "您现在应该做什么", "请避免长时间满负荷运行。", "如何预约服务",
                "请通过 http://localhost:8080/book?ticket=tk-zh 预约上门时间。");
        String html = part(mail, "text/html");
        assertThat(html).contains("<html lang=\"zh\">", "<h2", "我们发现了什么",
                "<a href=\"http://localhost:8080/book?ticket=tk-zh\">");

        assertThat(rig.records.delivery(reminder, "EMAIL").getString("state")).isEqualTo("SENT");
        assertThat(rig.records.reminderStatus(reminder)).isEqualTo("SENT");
    }

    @Test
    void anEnglishCustomerGetsEnglishHeadingsAndALinkWithoutTheFullStop() throws Exception {
        rig.records.notice("en", "en", List.of("EMAIL"), OutboxRig.START);

        round(notifications);

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Preventive maintenance recommended for your air conditioner");
        assertThat(part(mail, "text/plain")).contains("What we found", "Why it matters", "What to do now",
                "How to book service", "Book a visit at http://localhost:8080/book?ticket=tk-en. Free of charge.");
        assertThat(part(mail, "text/html")).contains("<a href=\"http://localhost:8080/book?ticket=tk-en\">", "</a>. Free of charge.");
    }

    @Test
    void aCustomerWithoutAnAddressFailsWithoutTouchingTheServer() throws Exception {
        rig.records.customer("cust-nomail", "en", null, null, List.of("EMAIL"), "UTC", null, null, 5);
        rig.records.device("dev-nomail", "cust-nomail", "ac_split_inverter");
        rig.records.ticket("tk-nomail", "dev-nomail", "NORMAL", OutboxRig.START);
        rig.records.reminder("rem-nomail", "tk-nomail", "en", OutboxRig.START);

        round(notifications);

        JsonObject failed = rig.records.delivery("rem-nomail", "EMAIL");
        assertThat(failed.getString("failure_reason")).isEqualTo(SendResult.NO_ADDRESS);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void whileTheMailServerIsDownTheNoticeWaitsForARetry() throws Exception {
        Notifications noServer = rig.notifications(OutboxRig.config(null).withSmtp(smtpAt(TestBroker.freePort())));
        String reminder = rig.records.notice("down", "en", List.of("EMAIL"), OutboxRig.START);

        round(noServer);

        JsonObject retry = rig.records.delivery(reminder, "EMAIL");
        assertThat(retry.getString("state")).isEqualTo("RETRY");
        assertThat(retry.getString("last_error")).startsWith("SMTP:");
        rig.clock.advance(java.time.Duration.ofMinutes(1));
        round(notifications);
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(rig.records.delivery(reminder, "EMAIL").getString("state")).isEqualTo("SENT");
    }

    private static String part(MimeMessage mail, String type) throws Exception {
        return find(mail.getContent(), type);
    }

    // vertx-mail sends text and HTML as multipart/alternative; walk it to the part of the wanted type.
    private static String find(Object content, String type) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return part.getContent().toString();
                }
                String nested = find(part.getContent(), type);
                if (nested != null) {
                    return nested;
                }
            }
            return null;
        }
        if (content instanceof String text) {
            return type.equals("text/plain") ? text : null;
        }
        throw new IOException("unexpected mail content " + content);
    }
}
