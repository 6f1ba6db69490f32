package io.forewarn.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.catalog.SensorSpec;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthyHistoryTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();

    @Test
    void historyHoldsEveryReadingOfEveryDeviceOverTheSpanInEventTimeOrder() {
        ProductModel model = CATALOG.models().get(0);
        List<TelemetryMessage> history = HealthyHistory.generate(CATALOG, model, 5, Duration.ofDays(2), 42);
        long perDevice = Duration.ofDays(2).getSeconds() / model.sampleIntervalSeconds() + 1;
        assertThat(history).hasSize((int) (5 * perDevice));
        assertThat(history).extracting(TelemetryMessage::productModel).containsOnly(model.id());
        assertThat(history).extracting(TelemetryMessage::deviceId).doesNotContainNull().hasSameSizeAs(history);
        assertThat(history.stream().map(TelemetryMessage::deviceId).distinct().count()).isEqualTo(5);
        assertThat(history).isSortedAccordingTo(Comparator.comparing(TelemetryMessage::eventTime).thenComparing(TelemetryMessage::deviceId));
        assertThat(history.get(0).eventTime()).isEqualTo(HealthyHistory.DEFAULT_START);
        assertThat(history.get(history.size() - 1).eventTime()).isEqualTo(HealthyHistory.DEFAULT_START.plus(Duration.ofDays(2)));
    }

    @Test
    void historyIsHealthyAndDeterministic() {
        for (ProductModel model : CATALOG.models()) {
            List<TelemetryMessage> history = HealthyHistory.generate(CATALOG, model, 10, Duration.ofDays(3), 7);
            assertThat(HealthyHistory.generate(CATALOG, model, 10, Duration.ofDays(3), 7)).isEqualTo(history);
            long readings = 0;
            long inRange = 0;
            for (TelemetryMessage m : history) {
                if (!model.isMonitored(m.mode())) continue;
                for (SensorSpec s : model.sensors()) {
                    double v = m.metrics().get(s.name()).value();
                    readings++;
                    if (v >= s.normalMin() && v <= s.normalMax()) inRange++;
                }
            }
            assertThat(readings).as(model.id()).isPositive();
            assertThat((double) inRange / readings).as(model.id()).isGreaterThanOrEqualTo(0.99);
        }
    }

    @Test
    void aTrainingHistoryHoldsOnlyMonitoredReadings_lengthenedUntilThereAreEnough() {
        ProductModel washer = CATALOG.require("WM-FL-9KG");
        List<TelemetryMessage> oneDay = HealthyHistory.generate(CATALOG, washer, 4, Duration.ofDays(1), 5);
        long spinsInADay = oneDay.stream().filter(m -> washer.isMonitored(m.mode())).count();
        assertThat(spinsInADay).as("a washer spins a few minutes a day").isPositive().isLessThan(oneDay.size() / 10);

        List<TelemetryMessage> training = HealthyHistory.monitored(CATALOG, washer, 4, Duration.ofDays(1), 500, 5);

        assertThat(training).hasSizeGreaterThanOrEqualTo(500).allMatch(m -> washer.isMonitored(m.mode()));
        assertThat(training).extracting(TelemetryMessage::mode).containsOnly("spin");
        assertThat(training).isSortedAccordingTo(Comparator.comparing(TelemetryMessage::eventTime).thenComparing(TelemetryMessage::deviceId));
        Duration covered = Duration.between(HealthyHistory.DEFAULT_START, training.get(training.size() - 1).eventTime());
        assertThat(covered).as("lengthened to a whole multiple of the day asked for").isGreaterThan(Duration.ofDays(10));
        // The same readings as the full history of that span, only the monitored ones.
        Instant last = training.get(training.size() - 1).eventTime();
        List<TelemetryMessage> full = HealthyHistory.generate(CATALOG, washer, 4, Duration.ofDays(covered.toDays() + 1), 5);
        assertThat(training).isEqualTo(full.stream()
                .filter(m -> washer.isMonitored(m.mode()) && !m.eventTime().isAfter(last)).toList());
        // Enough already: the span asked for, not more.
        ProductModel pump = CATALOG.require("PUMP-CEN-15KW");
        List<TelemetryMessage> pumpDay = HealthyHistory.monitored(CATALOG, pump, 4, Duration.ofDays(1), 10, 5);
        assertThat(pumpDay.get(pumpDay.size() - 1).eventTime()).isBeforeOrEqualTo(HealthyHistory.DEFAULT_START.plus(Duration.ofDays(1)));
    }

    @Test
    void aModelOutsideTheCatalogIsRejected() {
        ProductModel model = CATALOG.models().get(0);
        ProductModel stranger = new ProductModel("NOT-IN-CATALOG", model.category(), model.name(), model.sampleIntervalSeconds(),
                model.warrantyMonths(), model.sensors(), model.derivedFeatures(), model.failureModes(), model.maintenancePlans());
        assertThatThrownBy(() -> HealthyHistory.generate(CATALOG, stranger, 1, Duration.ofHours(1), 1))
                .hasMessageContaining("NOT-IN-CATALOG");
    }
}
