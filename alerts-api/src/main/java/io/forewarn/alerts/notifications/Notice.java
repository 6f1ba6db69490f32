package io.forewarn.alerts.notifications;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reminder as a channel sends it: the texts in the customer's language, split into headed sections, and who
 * receives it on which channel.
 *
 * @param deliveryId the outbox row; gateways use it to recognise a retried delivery
 * @param channel the customer-facing channel of this delivery: EMAIL, SMS, APP_PUSH or DEVICE
 * @param language zh or en
 */
public record Notice(
        long deliveryId,
        String reminderId,
        NoticeKind kind,
        String channel,
        String ticketId,
        String deviceId,
        String language,
        String title,
        List<Section> sections,
        Recipient recipient) {

    /** One part of the notice; the heading is null where the text speaks for itself. */
    public record Section(String heading, String text) {}

    /** Where the customer is reached; email and phone may be null. */
    public record Recipient(String customerId, String name, String email, String phone) {}

    // An ASCII URL ends at white space or at the first character outside printable ASCII (Chinese punctuation).
    private static final Pattern LINK = Pattern.compile("https?://[\\x21-\\x7E&&[^<>\"']]+");

    public Notice {
        sections = List.copyOf(sections);
    }

    /**
     * The sections of a reminder row's four texts. A maintenance notice heads each with the question it answers,
     * in the customer's language; a survey invitation reads as plain paragraphs.
     */
    public static List<Section> sectionsOf(NoticeKind kind, String language, String whatWeFound, String whyItMatters,
                                           String whatToDo, String howToBook) {
        if (kind == NoticeKind.SURVEY_INVITATION) {
            return List.of(new Section(null, whatWeFound), new Section(null, whyItMatters),
                    new Section(null, whatToDo), new Section(null, howToBook));
        }
        boolean zh = "zh".equals(language);
        return List.of(
                new Section(zh ? "我们发现了什么" : "What we found", whatWeFound),
                new Section(zh ? "为什么重要" : "Why it matters", whyItMatters),
                new Section(zh ? "您现在应该做什么" : "What to do now", whatToDo),
                new Section(zh ? "如何预约服务" : "How to book service", howToBook));
    }

    /** The notice as plain text: the title, then each section under its heading. */
    public String plainText() {
        StringBuilder text = new StringBuilder(title).append("\n");
        for (Section section : sections) {
            text.append("\n");
            if (section.heading() != null) {
                text.append(section.heading()).append("\n");
            }
            text.append(section.text()).append("\n");
        }
        return text.toString();
    }

    /** The section texts without headings, for small displays. */
    public String body() {
        return String.join("\n\n", sections.stream().map(Section::text).toList());
    }

    /** The first link in the notice (to book the visit, or to rate it), or null. */
    public String link() {
        for (Section section : sections) {
            Matcher m = LINK.matcher(section.text());
            if (m.find()) {
                return trimTrailingPunctuation(m.group());
            }
        }
        return null;
    }

    /** Where links sit in {@code text}: for turning them into anchors. */
    public static Matcher links(String text) {
        return LINK.matcher(text);
    }

    /** A sentence's full stop or comma right after a URL is not part of it. */
    public static String trimTrailingPunctuation(String url) {
        int end = url.length();
        while (end > 0 && ".,;:!?)".indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }
}
