/**
 * A Persian Gantt chart's time axis in Jalali dates. Mermaid's axis can only
 * write Gregorian dates, so a Persian chart writes each tick as an ISO date and
 * carries JALALI_AXIS; once drawn, labelAxisTicks rewrites the ticks. Kept
 * apart from app/views/diagrams.ts (which reads the method's files on the server) so
 * the browser can load it.
 */
import { calendarYear, formatTickDate } from "#app/views/format.ts";

/** The line (a mermaid comment) by which a Gantt chart asks for its axis in Jalali dates. */
export const JALALI_AXIS = "  %% gambegam: jalali axis";

/**
 * A drawn chart's axis ticks in Jalali dates, for a definition that asks for
 * it (JALALI_AXIS): each tick's ISO date becomes day and month, with the year
 * on the first tick and wherever the Jalali year turns, as a right-to-left
 * isolate (RLI…PDI). Any other SVG is
 * returned as it is. Pure string work, so the browser and the Word export
 * (which draws in Chromium) label the axis the same way.
 */
export function labelAxisTicks(definition: string, svg: string): string {
  if (!definition.includes(JALALI_AXIS.trim())) return svg;
  let lastYear = "";
  return svg.replace(/(<g class="tick"[^>]*>(?:(?!<\/g>)[\s\S])*?<text[^>]*>)(\d{4}-\d{2}-\d{2})(?=<\/text>)/g, (_m, head: string, iso: string) => {
    const year = calendarYear(iso, "fa");
    const label = formatTickDate(iso, "fa", year !== lastYear);
    lastYear = year;
    // A right-to-left isolate: the day, month and year keep their order in a
    // left-to-right picture (the Word export) and a right-to-left page alike.
    return `${head}\u2067${label}\u2069`;
  });
}
