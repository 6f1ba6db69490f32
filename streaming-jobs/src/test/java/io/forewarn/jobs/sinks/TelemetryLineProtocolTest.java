package io.forewarn.jobs.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.fleet.SimulatedDevice;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sink writes its lines itself, for speed; they must be exactly the lines of the client's {@code Point}
 * ({@link TelemetrySink#toPoint}), so what is stored does not depend on which of the two made the line.
 */
class TelemetryLineProtocolTest {
    static final Instant T = Instant.parse("2026-03-01T00:05:00Z");
    /** One encoder for every reading, as a writer has: what one line leaves in its reused arrays must not leak into the next. */
    static final TelemetryLineProtocol LINES = new TelemetryLineProtocol();

    @Test
    void everyReadingOfASimulatedFleetIsTheSameLineAsTheClientsPoint_everyModelAndMode() {
        Fleet fleet = Fleet.create(ProductCatalog.builtIn(), FleetConfig.defaults().withDevices(40).withDegradingDevices(4).withStart(T));
        Set<String> models = new HashSet<>();
        Set<String> modes = new HashSet<>();
        int compared = 0;
        for (SimulatedDevice device : fleet.devices()) {
            for (long seq = 1; seq <= 2_000; seq += 7) {
                TelemetryMessage reading = device.message(seq);
                assertThat(line(reading)).isEqualTo(TelemetrySink.toPoint(reading).toLineProtocol() + "\n");
                models.add(reading.productModel());
                modes.add(String.valueOf(reading.mode()));
                compared++;
            }
        }
        assertThat(models).as("product models covered").hasSizeGreaterThanOrEqualTo(3);
        assertThat(modes).as("operating modes covered").hasSizeGreaterThanOrEqualTo(2);
        assertThat(compared).isGreaterThan(10_000);
    }

    @Test
    void floatsOfEveryMagnitudeAreWrittenInPlainNotation_asThePointWritesThem() {
        double[] edges = {0.0, -0.0, 1.0, -1.0, 0.001, 0.000999, 1e-5, -2.5e-9, 9_999_999.99, 1e7, 1.5e12, -3e20,
                Double.MIN_VALUE, Double.MAX_VALUE, 123.456, 0.1 + 0.2};
        for (double value : edges) {
            assertSameAsPoint(value);
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            assertSameAsPoint((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-12, 13)));
        }
    }

    @Test
    void decimalsOfAFewDigits_theUsualReading_areWrittenAsThePointWritesThem() {
        double[] edges = {12.0, -12.0, 0.5, 0.0012, -0.0015, 1e-3, 0.0011, 9_999_999.5, 9_999_999.123456, 21.0001, 100.1,
                0.3, 1.7976931348623157, 4.35, 1_234_567.000001};
        for (double value : edges) {
            assertSameAsPoint(value);
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 50_000; i++) {
            double scale = Math.pow(10, random.nextInt(0, 8));
            double raw = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-2, 8));
            assertSameAsPoint(Math.round(raw * scale) / scale);
        }
    }

    @Test
    void textBeyondAsciiIsWrittenAsUtf8() {
        TelemetryMessage reading = new TelemetryMessage(2, "kühl-1 😀", "Wärme", T, 1, "été",
                Map.of("température", new TelemetryMessage.Metric(21.5, "°C")));

        assertThat(line(reading)).isEqualTo(TelemetrySink.toPoint(reading).toLineProtocol() + "\n")
                .isEqualTo("telemetry,device_id=kühl-1\\ 😀,mode=été,product_model=Wärme température=21.5 1772323500000\n");
    }

    @Test
    void tagsAndFieldNamesAreEscaped_nonFiniteValuesLeftOut_aReadingWithoutValuesWritesNoLine() {
        Map<String, TelemetryMessage.Metric> metrics = new LinkedHashMap<>();
        metrics.put("flow rate", new TelemetryMessage.Metric(1.5, "m3/h"));
        metrics.put("a,b=c", new TelemetryMessage.Metric(2.0, "1"));
        metrics.put("broken", new TelemetryMessage.Metric(Double.NaN, "1"));
        metrics.put("tab\there", new TelemetryMessage.Metric(Double.POSITIVE_INFINITY, "1"));
        TelemetryMessage odd = new TelemetryMessage(2, "ac 1,room=x\nnext", "AC=INV 12K", T, 1, "cool,fast", metrics);

        assertThat(line(odd)).isEqualTo(TelemetrySink.toPoint(odd).toLineProtocol() + "\n")
                .isEqualTo("telemetry,device_id=ac\\ 1\\,room\\=x\\nnext,mode=cool\\,fast,product_model=AC\\=INV\\ 12K"
                        + " a\\,b\\=c=2.0,flow\\ rate=1.5 1772323500000\n");

        TelemetryMessage silent = new TelemetryMessage(1, "ac-1", "AC-INV-12K", T, 1,
                Map.of("airflow", new TelemetryMessage.Metric(Double.NaN, "m3/h")));
        LineBatch out = new LineBatch();
        out.appendAscii("before\n");
        assertThat(new TelemetryLineProtocol().append(out, silent)).isFalse();
        assertThat(out).hasToString("before\n");
        assertThat(TelemetrySink.toPoint(silent).toLineProtocol()).isEmpty();
    }

    private static void assertSameAsPoint(double value) {
        TelemetryMessage reading = new TelemetryMessage(1, "d", "M", T, 1, Map.of("v", new TelemetryMessage.Metric(value, "1")));
        assertThat(line(reading)).as("%s", value).isEqualTo(TelemetrySink.toPoint(reading).toLineProtocol() + "\n");
    }

    private static String line(TelemetryMessage reading) {
        LineBatch out = new LineBatch();
        LINES.append(out, reading);
        return out.toString();
    }
}
