package io.forewarn.contracts.service;

/** How a predicted failure's time was estimated. See docs/models.md. */
public enum EstimateMethod {
    /** The matched failure mode's wear trend (the health index over time) extrapolated to its failure point. */
    TREND_EXTRAPOLATION,
    /** The supervised time-to-failure model learned from run-to-failure history, when it was more confident. */
    SUPERVISED_MODEL
}
