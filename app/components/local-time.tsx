import { useEffect, useState } from "react";
import { formatDateTime } from "#app/views/format.ts";
import type { Language } from "#methodology/schema.ts";

/**
 * A moment shown in the reader's own time zone. The server does not know that
 * zone, so it renders UTC and the browser replaces it after hydration (rendering
 * local time on both sides would make the server and browser texts disagree).
 */
export function LocalTime({ iso, lang }: { iso: string; lang: Language }) {
  const [zone, setZone] = useState<string>("UTC");
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  return <time dateTime={iso}>{formatDateTime(iso, lang, zone)}</time>;
}
