/**
 * Answers and rows for the method items a client expects in a professional
 * deliverable (deliverables with acceptance criteria, RACI, rollback plan…),
 * for the two completed engagements: `en` for the English demo engagement,
 * `fa` for the completed Persian fixture. Merged into each with `withParts`.
 */
import type { EngagementPart } from "../seed-engagement.ts";

export const PROFESSIONAL_CONTENT: Record<"en" | "fa", EngagementPart> = {
  en: { answers: {}, rows: {} },
  fa: { answers: {}, rows: {} },
};
