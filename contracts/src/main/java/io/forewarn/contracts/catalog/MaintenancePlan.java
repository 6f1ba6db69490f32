package io.forewarn.contracts.catalog;

import java.util.List;

/** A preventive service due every so many runtime hours or usage cycles (exactly one of the two is set). */
public record MaintenancePlan(
        String id,
        Localized title,
        Integer intervalRuntimeHours,
        Integer intervalCycles,
        String requiredSkill,
        List<String> technicianActions,
        Localized customerAdvice) implements java.io.Serializable {}
