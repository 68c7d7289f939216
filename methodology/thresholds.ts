/**
 * The thresholds the product's checks read, by the id the pack declares them
 * under (`thresholds` in pack.yaml). The pack holds each one's default, range
 * and origin; a project may set its own value (the method settings page).
 */
export const THRESHOLD = {
  readinessGapBelow: "readiness-gap-below",
  outsideHelpGaps: "outside-help-gaps",
  firstStageShare: "first-stage-share",
  firstStageMinGoals: "first-stage-min-goals",
  overnightWindowDays: "overnight-window-days",
  decidedSegments: "decided-segments",
} as const;

/** Which thresholds each part of a pack reads (checked when the pack loads). */
export const THRESHOLDS_NEEDED = {
  changeManagement: [THRESHOLD.readinessGapBelow, THRESHOLD.outsideHelpGaps],
  planning: [THRESHOLD.firstStageShare, THRESHOLD.firstStageMinGoals, THRESHOLD.overnightWindowDays],
  "rule:requirements-before-strategy": [THRESHOLD.decidedSegments],
} as const;
