package io.forewarn.jobs.decisions;

import io.forewarn.contracts.catalog.FailureMode;
import io.forewarn.contracts.catalog.MaintenancePlan;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.service.CustomerReminder;
import io.forewarn.contracts.service.DeterministicIds;
import io.forewarn.contracts.service.MaintenanceTicket;
import io.forewarn.jobs.directory.DeviceRecord;

/** Writes the customer's notice for a ticket: what was found, why it matters, what to do, how to book. */
final class Reminders {
    private Reminders() {}

    static CustomerReminder forTicket(MaintenanceTicket ticket, FailureMode mode, ProductModel model, DeviceRecord device,
                                      String bookingUrl) {
        String lang = language(device);
        String product = model.name().in(lang);
        String title = lang.equals("zh")
                ? "您的" + product + "需要预防性维护"
                : "Preventive maintenance recommended for your " + product;
        return reminder(ticket, device, lang, title, mode.whatWeFound().in(lang), mode.whyItMatters().in(lang),
                mode.customerAdvice().in(lang), bookingUrl);
    }

    /** The notice of a maintenance plan that fell due after {@code usage} (e.g. "500 hours", in the owner's language). */
    static CustomerReminder forPlan(MaintenanceTicket ticket, MaintenancePlan plan, ProductModel model, DeviceRecord device,
                                    double usage, String bookingUrl) {
        String lang = language(device);
        String product = model.name().in(lang);
        boolean cycles = plan.intervalCycles() != null;
        long amount = Math.round(usage);
        String title = lang.equals("zh")
                ? "您的" + product + "已到保养时间：" + plan.title().zh()
                : "Your " + product + " is due for maintenance: " + plan.title().en();
        String found = lang.equals("zh")
                ? "自上次保养以来，您的" + product + (cycles ? "已完成 " + amount + " 个使用周期。" : "已运行 " + amount + " 小时。")
                : "Your " + product + " has " + (cycles ? "completed " + amount + " cycles" : "run for " + amount + " hours")
                        + " since it was last serviced.";
        String why = lang.equals("zh")
                ? "按时保养能让产品保持高效，并避免故障和更昂贵的维修。"
                : "Servicing it on time keeps it efficient and heads off breakdowns and costlier repairs.";
        return reminder(ticket, device, lang, title, found, why, plan.customerAdvice().in(lang), bookingUrl);
    }

    private static CustomerReminder reminder(MaintenanceTicket ticket, DeviceRecord device, String lang, String title,
                                             String whatWeFound, String whyItMatters, String whatToDo, String bookingUrl) {
        String link = bookingUrl + "?ticket=" + ticket.ticketId();
        String charge = "FREE".equals(ticket.serviceCharge())
                ? (lang.equals("zh") ? "本次服务在保修期内，免费。" : "The visit is covered by your warranty, free of charge.")
                : (lang.equals("zh") ? "您的产品已过保修期，本次服务将收费。" : "Your product is out of warranty; the visit is charged.");
        String howToBook = lang.equals("zh")
                ? "请通过 " + link + " 预约上门时间。" + charge
                : "Book a visit at " + link + ". " + charge;
        return new CustomerReminder(CustomerReminder.SCHEMA_VERSION,
                DeterministicIds.of("reminder", ticket.ticketId()), ticket.ticketId(), ticket.deviceId(),
                device.customerId(), lang, device.channel() == null ? "EMAIL" : device.channel(), "QUEUED",
                ticket.openedAt(), title, whatWeFound, whyItMatters, whatToDo, howToBook);
    }

    private static String language(DeviceRecord device) {
        return "zh".equals(device.language()) ? "zh" : "en";
    }
}
