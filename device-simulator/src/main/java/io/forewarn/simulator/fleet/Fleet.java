package io.forewarn.simulator.fleet;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.simulator.Seeds;
import io.forewarn.simulator.faults.Fault;
import io.forewarn.simulator.faults.FaultScenario;
import io.forewarn.simulator.scenario.Scenario;
import io.forewarn.simulator.truth.GroundTruth;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/** A deterministic fleet of simulated products built from the catalog: same config and seed, same fleet. */
public final class Fleet {
    private static final long DEVICE_STREAM = 0xDE71CE;
    private static final long PROFILE_STREAM = 0xC057;

    private final FleetConfig config;
    private final List<SimulatedDevice> devices;

    private Fleet(FleetConfig config, List<SimulatedDevice> devices) {
        this.config = config;
        this.devices = List.copyOf(devices);
    }

    /**
     * {@code config.devices()} devices spread round-robin over all catalog models (sorted by id), with
     * {@code config.degradingDevices()} of them developing a fault of the demo {@link FaultScenario}.
     */
    public static Fleet create(ProductCatalog catalog, FleetConfig config) {
        return create(catalog, config, FaultScenario.demo(config.degradingDevices(), config.faultKinds()));
    }

    /** As {@link #create(ProductCatalog, FleetConfig)} with another fault scenario. */
    public static Fleet create(ProductCatalog catalog, FleetConfig config, FaultScenario scenario) {
        List<ProductModel> deviceModels = modelsInTurn(catalog.models(), config.devices());
        return build(config, deviceModels, scenario.assign(deviceModels, config.start(), config.seed()));
    }

    /**
     * A fleet made as a scenario file says: devices take the scenario's models in turn (by weight), and its fault groups
     * decide the faults; {@code config.degradingDevices()} and {@code faultKinds()} are not used.
     *
     * @throws IllegalArgumentException naming the scenario file and line when the fleet has too few devices for it
     */
    public static Fleet create(ProductCatalog catalog, FleetConfig config, Scenario scenario) {
        List<ProductModel> deviceModels = modelsInTurn(scenario.pattern(catalog), config.devices());
        return build(config, deviceModels, scenario.assign(deviceModels, config.start(), config.seed()));
    }

    private static List<ProductModel> modelsInTurn(List<ProductModel> pattern, int devices) {
        List<ProductModel> deviceModels = new ArrayList<>(devices);
        for (int i = 0; i < devices; i++) deviceModels.add(pattern.get(i % pattern.size()));
        return deviceModels;
    }

    private static Fleet build(FleetConfig config, List<ProductModel> deviceModels, Map<Integer, Fault> faults) {
        LocalDate today = LocalDate.ofInstant(config.start(), ZoneOffset.UTC);
        Map<String, Integer> numbers = new HashMap<>();
        List<SimulatedDevice> devices = new ArrayList<>(deviceModels.size());
        for (int i = 0; i < deviceModels.size(); i++) {
            ProductModel model = deviceModels.get(i);
            int number = numbers.merge(model.id(), 1, Integer::sum);
            SimulatedDevice device = device(model, deviceId(model, number), i, config.seed(), config.start(), today);
            Fault fault = faults.get(i);
            devices.add(fault == null ? device : device.withFault(fault));
        }
        return new Fleet(config, devices);
    }

    /** {@code ac-inv-12k-0001}: the lower-case model id and the device's number within its model. */
    public static String deviceId(ProductModel model, int numberWithinModel) {
        return String.format(Locale.ROOT, "%s-%04d", model.id().toLowerCase(Locale.ROOT), numberWithinModel);
    }

    /** A healthy device; {@code index} is its fleet-wide position and, with the seed, decides everything about it. */
    static SimulatedDevice device(ProductModel model, String deviceId, int index, long seed, Instant start, LocalDate today) {
        DeviceProfile profile = Customers.profile(deviceId, model, index, today, new SplittableRandom(Seeds.mix(seed, PROFILE_STREAM, index)));
        return new SimulatedDevice(profile, model, start, Seeds.mix(seed, DEVICE_STREAM, index), seed);
    }

    public FleetConfig config() {
        return config;
    }

    public List<SimulatedDevice> devices() {
        return devices;
    }

    public Optional<SimulatedDevice> device(String deviceId) {
        return devices.stream().filter(d -> d.deviceId().equals(deviceId)).findFirst();
    }

    public List<DeviceProfile> profiles() {
        return devices.stream().map(SimulatedDevice::profile).toList();
    }

    /** One row per faulty device, in fleet order. */
    public List<GroundTruth> groundTruth() {
        return devices.stream()
                .filter(d -> d.fault().isPresent())
                .map(d -> GroundTruth.of(d.deviceId(), d.model().id(), d.fault().orElseThrow()))
                .toList();
    }
}
