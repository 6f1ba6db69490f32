package io.forewarn.contracts.service;

/** What an evidence item's value is compared with: the product model's healthy range or the device's own usual range. */
public enum EvidenceKind {
    /** A feature against the healthy middle of its product model, as the anomaly model was trained on it. */
    PRODUCT_MODEL,
    /** A sensor against the range this one device usually shows (its own baseline), whatever its product model's. */
    DEVICE_BASELINE
}
