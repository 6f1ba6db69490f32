// A predicted failure's coded fields in the plain words the staff pages show (docs/contracts/predicted-failure.md).

const ESTIMATE_METHODS = {
  TREND_EXTRAPOLATION: 'wear trend extrapolated to the failure point',
  SUPERVISED_MODEL: 'supervised model learned from past failures',
};

const EVIDENCE_KINDS = {
  PRODUCT_MODEL: "the product model's healthy range",
  DEVICE_BASELINE: "this device's usual range",
};

/** How the failure time was estimated; an unknown code is shown as it is, so nothing is hidden. */
export function estimateMethodWords(method) {
  return ESTIMATE_METHODS[method] ?? method ?? '—';
}

/** What an evidence item's value is compared with. */
export function evidenceKindWords(kind) {
  return EVIDENCE_KINDS[kind] ?? kind ?? '—';
}
