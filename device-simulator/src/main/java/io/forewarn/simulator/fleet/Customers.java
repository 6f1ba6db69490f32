package io.forewarn.simulator.fleet;

import io.forewarn.contracts.catalog.ProductModel;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/** Invents a plausible, deterministic owner for each simulated device: name, language, e-mail, region, warranty. */
final class Customers {
    // Surname and given name with their pinyin, so Chinese-speaking customers get a matching e-mail address.
    private static final String[][] ZH_SURNAMES = {
        {"张", "zhang"}, {"王", "wang"}, {"李", "li"}, {"刘", "liu"}, {"陈", "chen"},
        {"杨", "yang"}, {"赵", "zhao"}, {"黄", "huang"}, {"周", "zhou"}, {"吴", "wu"}};
    private static final String[][] ZH_GIVEN = {
        {"伟", "wei"}, {"芳", "fang"}, {"娜", "na"}, {"敏", "min"}, {"静", "jing"},
        {"磊", "lei"}, {"洋", "yang"}, {"婷", "ting"}, {"强", "qiang"}, {"晓明", "xiaoming"}};
    private static final String[] EN_FIRST = {
        "Olivia", "James", "Amelia", "Noah", "Isla", "Oliver", "Ava", "George", "Mia", "Harry"};
    private static final String[] EN_LAST = {
        "Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Johnson", "Walker", "Wright"};

    private Customers() {}

    /**
     * The owner of device number {@code index} (0-based, fleet-wide). Installed between one month and
     * warranty + two years before {@code today}, so some warranties have run out and their service is paid.
     */
    static DeviceProfile profile(String deviceId, ProductModel model, int index, LocalDate today, SplittableRandom rng) {
        String customerId = String.format(Locale.ROOT, "cust-%05d", index + 1);
        boolean chinese = rng.nextBoolean();
        String name;
        String mailbox;
        if (chinese) {
            String[] surname = ZH_SURNAMES[rng.nextInt(ZH_SURNAMES.length)];
            String[] given = ZH_GIVEN[rng.nextInt(ZH_GIVEN.length)];
            name = surname[0] + given[0];
            mailbox = surname[1] + "." + given[1];
        } else {
            String first = EN_FIRST[rng.nextInt(EN_FIRST.length)];
            String last = EN_LAST[rng.nextInt(EN_LAST.length)];
            name = first + " " + last;
            mailbox = (first + "." + last).toLowerCase(Locale.ROOT);
        }
        // The customer number in the mailbox keeps addresses unique; example.com/.cn never deliver.
        String email = mailbox + "." + (index + 1) + (chinese ? "@example.cn" : "@example.com");
        String region = DeviceProfile.REGIONS.get(rng.nextInt(DeviceProfile.REGIONS.size()));
        int maxAgeDays = (model.warrantyMonths() + 24) * 30;
        LocalDate installedOn = today.minusDays(30 + rng.nextInt(maxAgeDays - 30 + 1));
        LocalDate warrantyEnd = installedOn.plusMonths(model.warrantyMonths()).minusDays(1);
        return new DeviceProfile(deviceId, model.id(), customerId, name, chinese ? "zh" : "en", email, region, installedOn, warrantyEnd);
    }
}
