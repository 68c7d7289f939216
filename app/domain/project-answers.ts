/** A project's answers and register rows as the domain's calculations and the documents read them. */
export type ProjectAnswers = {
  answers: ReadonlyMap<string, { value: unknown }>;
  rows: ReadonlyMap<string, ReadonlyArray<{ id: number; cells: Record<string, string | number | null> }>>;
  /** The project's own values of the pack's thresholds, by threshold id (absent: the pack's defaults). */
  settings?: ReadonlyMap<string, number>;
};
