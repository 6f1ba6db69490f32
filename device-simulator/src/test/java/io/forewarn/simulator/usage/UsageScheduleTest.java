package io.forewarn.simulator.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** Each category's schedule follows its usage profile, per device and deterministically. */
class UsageScheduleTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final Instant MONDAY = Instant.parse("2026-07-06T00:00:00Z");
    static final long STEP = 300;
    static final int DEVICES = 60;
    static final int DAYS = 28;

    static List<UsageSchedule> fleet(String model) {
        ProductModel m = CATALOG.require(model);
        List<UsageSchedule> out = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            out.add(UsageSchedule.of(m, 1000 + i, Ambient.of(AmbientTest.REGIONS.get(i % 4), 7, 1000 + i)));
        }
        return out;
    }

    /** Calls {@code each} with every 5-minute instant of four weeks from a Monday and the mode there, for every device. */
    static void walk(List<UsageSchedule> fleet, BiConsumer<ZonedDateTime, String> each) {
        for (UsageSchedule schedule : fleet) {
            for (long t = MONDAY.getEpochSecond(); t < MONDAY.getEpochSecond() + DAYS * 86_400L; t += STEP) {
                each.accept(Instant.ofEpochSecond(t).atZone(ZoneOffset.UTC), schedule.at(t).modeId());
            }
        }
    }

    /** Share of readings in {@code mode} by hour of the day. */
    static double[] shareByHour(List<UsageSchedule> fleet, String mode) {
        double[] in = new double[24];
        double[] all = new double[24];
        walk(fleet, (t, m) -> {
            all[t.getHour()]++;
            if (mode.equals(m)) in[t.getHour()]++;
        });
        for (int h = 0; h < 24; h++) in[h] /= all[h];
        return in;
    }

    @Test
    void airConditionersRunMoreInTheEveningAndAfternoonThanAtFourInTheMorning() {
        double[] running = shareByHour(fleet("AC-INV-12K"), "running");
        assertThat(running[20]).isGreaterThan(0.6).isGreaterThan(3 * running[4]);
        assertThat(running[15]).isGreaterThan(2 * running[4]);
        assertThat(running[10]).isLessThan(running[15]);
    }

    @Test
    void anAirConditionerDefrostsBrieflyAndRestsItsCompressorOnlyWhileSwitchedOn() {
        List<UsageSchedule> fleet = fleet("AC-INV-12K");
        int[] counts = new int[4]; // off, idle, running, defrost
        for (UsageSchedule schedule : fleet) {
            String previous = "off";
            for (long t = MONDAY.getEpochSecond(); t < MONDAY.getEpochSecond() + DAYS * 86_400L; t += 60) {
                ModeSpan span = schedule.at(t);
                String mode = span.modeId();
                assertThat(span.sinceEpochSecond()).isLessThanOrEqualTo(t);
                if (mode.equals("defrost")) {
                    assertThat(t - span.sinceEpochSecond()).as("a defrost lasts ten minutes").isLessThan(600);
                    assertThat(previous).as("defrost follows running or fan-only").isIn("running", "idle", "defrost");
                }
                counts[List.of("off", "idle", "running", "defrost").indexOf(mode)]++;
                previous = mode;
            }
        }
        assertThat(counts[3]).as("defrost").isPositive().isLessThan(counts[2] / 8);
        assertThat(counts[1]).as("fan only").isPositive().isLessThan(counts[2]);
    }

    @Test
    void waterHeatersReheatAfterTheMorningAndEveningDraws() {
        double[] heating = shareByHour(fleet("WH-ELEC-80L"), "heating");
        double morning = (heating[6] + heating[7] + heating[8]) / 3;
        double evening = (heating[19] + heating[20] + heating[21]) / 3;
        double afternoon = (heating[15] + heating[16] + heating[17]) / 3;
        assertThat(morning).isGreaterThan(3 * afternoon);
        assertThat(evening).isGreaterThan(3 * afternoon);
    }

    @Test
    void aWashingMachineRunsOneOrTwoProgrammesADayEachWashingThenSpinning() {
        for (UsageSchedule schedule : fleet("WM-FL-9KG")) {
            for (int day = 0; day < DAYS; day++) {
                long dayStart = MONDAY.getEpochSecond() + day * 86_400L;
                int programmes = 0;
                String previous = schedule.at(dayStart - 60).modeId();
                for (long t = dayStart; t < dayStart + 86_400; t += 60) {
                    String mode = schedule.at(t).modeId();
                    if (mode.equals("wash") && previous.equals("off")) programmes++;
                    if (mode.equals("spin")) assertThat(previous).as("spin follows washing").isIn("wash", "spin");
                    if (mode.equals("off") && !previous.equals("off")) assertThat(previous).as("a programme ends spinning").isEqualTo("spin");
                    previous = mode;
                }
                assertThat(programmes).as("programmes on day %d", day).isBetween(1, 2);
            }
        }
        double[] spinning = shareByHour(fleet("WM-FL-9KG"), "spin");
        assertThat(spinning[3]).as("nobody does the laundry at 3 am").isZero();
    }

    @Test
    void pumpsRunInShifts_moreOnWeekdaysThanOnSundays() {
        double[] weekday = new double[2];
        double[] sunday = new double[2];
        walk(fleet("PUMP-CEN-15KW"), (t, mode) -> {
            double[] bin = t.getDayOfWeek() == DayOfWeek.SUNDAY ? sunday : t.getDayOfWeek().getValue() <= 5 ? weekday : null;
            if (bin == null) return;
            bin[1]++;
            if (mode.equals("running")) bin[0]++;
        });
        assertThat(weekday[0] / weekday[1]).isGreaterThan(sunday[0] / sunday[1] + 0.1);
        double[] running = shareByHour(fleet("PUMP-CEN-15KW"), "running");
        assertThat(running[10]).isGreaterThan(running[2] + 0.3);
    }

    @Test
    void everyDeviceHasItsOwnHabits_andTheSameSeedTheSameSchedule() {
        ProductModel ac = CATALOG.require("AC-INV-12K");
        Ambient ambient = Ambient.of("south", 7, 1);
        UsageSchedule one = UsageSchedule.of(ac, 1, ambient);
        UsageSchedule same = UsageSchedule.of(ac, 1, ambient);
        UsageSchedule other = UsageSchedule.of(ac, 2, ambient);
        int differ = 0;
        // Read backwards: the schedule is a function of the time, not of the readings before it.
        for (long t = MONDAY.getEpochSecond() + DAYS * 86_400L; t > MONDAY.getEpochSecond(); t -= STEP) {
            assertThat(same.at(t)).isEqualTo(one.at(t));
            if (!one.at(t).modeId().equals(other.at(t).modeId())) differ++;
        }
        assertThat(differ).isGreaterThan(100);
    }

    @Test
    void aCatalogWithoutTheModesACategoryNeedsIsRefusedNamingTheMode() {
        ProductModel ac = CATALOG.require("AC-INV-12K");
        ProductModel noDefrost = new ProductModel(ac.id(), ac.category(), ac.name(), ac.sampleIntervalSeconds(), ac.warrantyMonths(),
                ac.sensors(), ac.derivedFeatures(), ac.failureModes(), ac.maintenancePlans(),
                ac.operatingModes().stream().filter(m -> !m.id().equals("defrost")).toList());

        assertThatThrownBy(() -> UsageSchedule.of(noDefrost, 1, Ambient.of("north", 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AC-INV-12K").hasMessageContaining("'defrost'");
    }

    @Test
    void aModelWithoutModesIsAlwaysMonitored_andAnUnknownCategoryStaysInItsMonitoredMode() {
        ProductModel ac = CATALOG.require("AC-INV-12K");
        ProductModel noModes = new ProductModel(ac.id(), ac.category(), ac.name(), ac.sampleIntervalSeconds(), ac.warrantyMonths(),
                ac.sensors(), ac.derivedFeatures(), ac.failureModes(), ac.maintenancePlans());
        ProductModel fridge = new ProductModel("FRIDGE", "refrigerator", ac.name(), ac.sampleIntervalSeconds(), ac.warrantyMonths(),
                ac.sensors(), ac.derivedFeatures(), ac.failureModes(), ac.maintenancePlans(), ac.operatingModes());
        Ambient ambient = Ambient.of("north", 1, 1);

        for (long t = MONDAY.getEpochSecond(); t < MONDAY.getEpochSecond() + 86_400; t += 3600) {
            assertThat(UsageSchedule.of(noModes, 1, ambient).at(t).modeId()).isNull();
            assertThat(UsageSchedule.of(noModes, 1, ambient).at(t).monitored()).isTrue();
            assertThat(UsageSchedule.of(fridge, 1, ambient).at(t).modeId()).isEqualTo("running");
        }
        assertThat(Duration.ofDays(DAYS)).isPositive();
    }
}
