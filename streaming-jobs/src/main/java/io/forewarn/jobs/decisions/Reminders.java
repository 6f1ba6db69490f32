package io.forewarn.jobs.decisions;

import io.forewarn.contracts.catalog.FailureMode;
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
        String lang = "zh".equals(device.language()) ? "zh" : "en";
        String product = model.name().in(lang);
        String title = lang.equals("zh")
                ? "您的" + product + "需要预防性维护"
                : "Preventive maintenance recommended for your " + product;
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
                ticket.openedAt(), title, mode.whatWeFound().in(lang), mode.whyItMatters().in(lang),
                mode.customerAdvice().in(lang), howToBook);
    }
}
