package io.forewarn.launcher.evaluation.nab;

/**
 * A NAB application profile: what a detected window earns and what a false alarm or a missed window costs.
 *
 * @param name the profile's key in NAB's config/profiles.json, e.g. {@code standard}
 */
public record NabProfile(String name, double tpWeight, double fpWeight, double fnWeight) {
    public NabProfile {
        if (!(tpWeight > 0) || !(fpWeight >= 0) || !(fnWeight >= 0)) {
            throw new IllegalArgumentException("profile " + name + ": weights must be tp > 0, fp >= 0, fn >= 0, got tp "
                    + tpWeight + ", fp " + fpWeight + ", fn " + fnWeight);
        }
    }
}
