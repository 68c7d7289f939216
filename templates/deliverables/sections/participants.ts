/**
 * The vision minutes' participants (issue 20): the project team as its
 * register names them (name, role, unit), with who attended the workshop
 * where attendance was recorded — in the minutes' own participants register
 * or by joining a vision workshop session from a phone. People recorded
 * present who are not in the team (an outside consultant, a guest) follow
 * the team; someone in the minutes' absentees register is marked absent
 * whatever another list says. Without any attendance recorded the table lists the team and
 * says so, rather than marking everyone absent.
 */
import type { FileChild } from "docx";
import { findItem } from "#methodology/load.ts";
import { comparableText } from "#app/domain/text-hygiene.ts";
import { displayCell } from "#app/views/display.ts";
import type { DeliverableInput } from "../../model.ts";
import { captionedTable, heading, muted, registerTable, rowsOf, type Ctx } from "../../blocks.ts";
import { dominantDirection, num, user, type Sentence } from "../../text.ts";

const TEAM_REGISTER = "team.members";
const PARTICIPANTS_REGISTER = "vision.workshop-participants";
const ABSENTEES_REGISTER = "vision.workshop-absentees";

type Cells = Record<string, unknown>;
/**
 * Role and unit as the minutes print them: a team member's role is Gambegam's label (the document's
 * language) and the unit the user's words, so the pair is a sentence in the document's direction with the
 * unit embedded in its own ("Project manager, ‫دفتر…‬" in English minutes of a Persian team, not a
 * right-to-left line with the comma misplaced). Someone recorded from outside the team: their own words.
 */
export type MinutesParticipant = { name: string; roleUnit: string | Sentence; attended: boolean };

/** A name as compared: invisible characters (half-spaces included), Arabic letter forms, case and spacing do not count. */
const nameKey = (name: string) => comparableText(name).replace(/[\u200C\u200D]/g, "");

const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
/** Role and unit joined by the language's comma («،» in Persian). */
const joinWith = (separator: string) => (...parts: string[]) => parts.filter(Boolean).join(separator);
/** A role label and the user's unit: the label alone, or a sentence with the unit as the user's words. */
const labelAndUnit = (separator: string) => (label: string, unit: string): string | Sentence => (label && unit ? [label, separator, user(unit)] : label || unit);

/** Pure: the participants from the team, the recorded attendance and the names joined from phones. */
export function minutesParticipants(args: { team: Cells[]; recorded: Cells[]; joined: string[]; absent?: Cells[]; roleLabel: (role: unknown) => string; separator?: string }): { attendanceRecorded: boolean; people: MinutesParticipant[] } {
  const teamRole = labelAndUnit(args.separator ?? ", ");
  // Someone the minutes list as absent did not attend, whatever another list says.
  const absent = new Set((args.absent ?? []).map((r) => nameKey(text(r.name))).filter(Boolean));
  const recorded = args.recorded.filter((r) => text(r.name) && !absent.has(nameKey(text(r.name))));
  const joined = args.joined.map((n) => n.trim()).filter((n) => n && !absent.has(nameKey(n)));
  const present = new Set([...recorded.map((r) => nameKey(text(r.name))), ...joined.map(nameKey)]);
  const listed = new Set<string>();
  const people: MinutesParticipant[] = [];
  for (const m of args.team) {
    const name = text(m.name);
    if (!name || listed.has(nameKey(name))) continue;
    listed.add(nameKey(name));
    people.push({ name, roleUnit: teamRole(args.roleLabel(m.role), text(m.unit)), attended: present.has(nameKey(name)) });
  }
  for (const r of recorded) {
    const name = text(r.name);
    if (listed.has(nameKey(name))) continue;
    listed.add(nameKey(name));
    // Their own words, joined by the comma of their own script (a Persian role and organisation in English minutes: «، »).
    const own = [text(r.role), text(r.organisation)];
    const ownSeparator = dominantDirection(own.join(" "), args.separator === "، " ? "rtl" : "ltr") === "rtl" ? "، " : ", ";
    people.push({ name, roleUnit: joinWith(ownSeparator)(...own), attended: true });
  }
  for (const name of joined) {
    if (listed.has(nameKey(name))) continue;
    listed.add(nameKey(name));
    people.push({ name, roleUnit: "", attended: true });
  }
  return { attendanceRecorded: recorded.length > 0 || joined.length > 0, people };
}

/** The minutes' participants section: a numbered table, or the participants register's open note when nobody is known. */
export function participantsSection(ctx: Ctx, input: DeliverableInput): FileChild[] {
  const s = ctx.s.minutes;
  const teamItem = findItem(ctx.pack, TEAM_REGISTER);
  const roleColumn = teamItem?.kind === "register" ? teamItem.columns.find((c) => c.id === "role") : undefined;
  const roleLabel = (role: unknown) => (roleColumn ? displayCell(roleColumn, role, ctx.lang, ctx.refOptions) : text(role));
  const list = minutesParticipants({
    team: rowsOf(ctx, TEAM_REGISTER).map((r) => r.cells),
    recorded: rowsOf(ctx, PARTICIPANTS_REGISTER).map((r) => r.cells),
    joined: (input.workshops ?? []).flatMap((w) => w.participants),
    absent: rowsOf(ctx, ABSENTEES_REGISTER).map((r) => r.cells),
    roleLabel,
    separator: ctx.lang === "fa" ? "، " : ", ",
  });
  // Nobody known: the participants register's own heading and open note (it is required).
  if (list.people.length === 0) return registerTable(ctx, PARTICIPANTS_REGISTER, { title: s.participants, heading: 2 });
  ctx.shown.add(PARTICIPANTS_REGISTER);
  const columns = ["#", s.participantName, s.participantRole, ...(list.attendanceRecorded ? [s.attended] : [])];
  const rows = list.people.map((p, i) => [num(i + 1, ctx.lang), p.name, p.roleUnit || "—", ...(list.attendanceRecorded ? [p.attended ? "✓" : "—"] : [])]);
  return [
    heading(ctx, s.participants, 2),
    muted(ctx, list.attendanceRecorded ? s.participantsLead : s.attendanceNotRecorded),
    ...captionedTable(ctx, s.participants, { columns, rows }),
  ];
}
