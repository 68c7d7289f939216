/** A project's answers and register rows as the domain's calculations and the documents read them. */
export type ProjectAnswers = {
  answers: ReadonlyMap<string, { value: unknown }>;
  rows: ReadonlyMap<string, ReadonlyArray<{ id: number; cells: Record<string, string | number | null> }>>;
};
