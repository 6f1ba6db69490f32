package io.forewarn.contracts.catalog;

import java.util.List;

/**
 * A way a product model fails, with the signature it leaves in telemetry before it does.
 *
 * @param signature the sensors that move and how far, used by the simulator to degrade and by the job to match
 * @param requiredSkill technician skill needed, used for dispatch
 * @param technicianActions what the technician should check and do, in order
 */
public record FailureMode(
        String id,
        Localized name,
        String requiredSkill,
        List<SensorShift> signature,
        List<String> technicianActions,
        List<String> parts,
        Localized whatWeFound,
        Localized whyItMatters,
        Localized customerAdvice) implements java.io.Serializable {}
