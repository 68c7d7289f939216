import { loc, useTranslation } from "#app/i18n.ts";
import { QUOTE_MARKS } from "#app/views/quote.ts";
import { Form, useNavigation, useSearchParams } from "react-router";
import type { TFunction } from "i18next";
import type { Permission } from "#app/access.ts";
import { localDigits } from "#app/views/format.ts";
import type { Item, Language, Localized, RegisterItem, Step } from "#methodology/schema.ts";
import { displayCell, displayValue } from "#app/views/display.ts";
import { LocalTime } from "./local-time.tsx";
import { GateBadge, type GateStatus } from "./gate-badge.tsx";
import { translateError } from "./field.tsx";
import { textChangeMarks, type TextMark } from "#app/domain/text-hygiene.ts";
import { NobodyCanSign } from "./nobody-can-sign.tsx";
import { isolateName } from "#app/views/direction.ts";

type GateEvent = { id: number; kind: string; at: string; comment: string; fingerprint: string | null; userName: string; importedFrom?: string | null };
type Cells = Record<string, unknown>;
type Change =
  | { itemId: string; kind: "answer"; before: unknown; after: unknown }
  | { itemId: string; kind: "rows"; added: Cells[]; removed: Cells[]; changed: Array<{ before: Cells; after: Cells; columns: string[] }>; reordered: boolean };
type SnapshotItem = { id: string; value?: unknown; rows?: Array<{ id: number; cells: Cells }> };
type RefOptions = Record<string, Array<{ id: number; label: string }>>;

export type GatePanelProps = {
  gate: {
    status: GateStatus;
    events: GateEvent[];
    lastApproval: { userName: string; at: string; comment: string; fingerprint: string | null } | null;
    rejection: GateEvent | null;
    request: GateEvent | null;
    fingerprint: string;
    changedSinceSignoff: boolean;
    changes: Change[];
    requiredComplete: boolean;
    blockedBy: Localized[];
    /** What an imported project file says about the phase: records shown as such, never a signature made here. */
    imported: {
      events: GateEvent[];
      approval: { userName: string; at: string; comment: string; fingerprint: string | null; importedFrom: string } | null;
    };
    importedApprovalMatches: boolean | null;
    importedChanges: Change[];
  };
  permissions: readonly Permission[];
  missing: number;
  content: { steps: Step[]; snapshot: { items: SnapshotItem[] }; refOptions: RefOptions };
  result: { intent: string; error: string; field: string | null; comment: string } | null;
  /** Set when sign-off could be requested (or is) and no member may sign: the warning, and where to invite (null: the reader cannot invite). */
  nobodyCanSign?: { membersHref: string | null; sponsor?: { name: string; email: string } | null } | null;
};

/** The phase gate: its state, what changed since the last signature, and the actions the user's role allows. */
export function GatePanel({ gate, permissions, missing, content, result, nobodyCanSign }: GatePanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  // A user's comment quoted as the page's language quotes: «…» on a Persian page.
  const [open, close] = QUOTE_MARKS[lang] ?? QUOTE_MARKS.en;
  const busy = useNavigation().state !== "idle";
  const [search] = useSearchParams();
  const done = search.get("done");
  const canRequest = permissions.includes("request-signoff");
  const canSign = permissions.includes("sign-off");
  const items = new Map(content.steps.flatMap((s) => s.items).map((i) => [i.id, i]));
  const errorFor = (intent: string) => (result && result.intent === intent ? translateError(t, lang, result.error) : null);
  const commentFor = (intent: string) => (result && result.intent === intent ? result.comment : "");
  const when = (iso: string) => <LocalTime iso={iso} lang={lang} />;

  return (
    <section className="card gate-panel" id="sign-off" aria-labelledby="gate-title">
      <div className="gate-head">
        <h2 id="gate-title">{t("gate.title")}</h2>
        <GateBadge status={gate.status} changed={gate.changedSinceSignoff} />
      </div>
      {done ? <p className="banner banner-info" role="status">{t(`gate.done.${done}`, { defaultValue: "" })}</p> : null}

      {gate.status === "signed" && gate.lastApproval ? (
        <div className="gate-state gate-signed-state">
          <p>
            {t("gate.signedBy", { name: isolateName(gate.lastApproval.userName, lang) })} {when(gate.lastApproval.at)}
          </p>
          {gate.lastApproval.comment ? <p className="muted">{open}<bdi>{gate.lastApproval.comment}</bdi>{close}</p> : null}
          <Fingerprint value={gate.lastApproval.fingerprint} label={t("gate.fingerprintSigned")} />
          <p className="muted small">{t("gate.lockedNote")}</p>
        </div>
      ) : null}
      {gate.status === "awaiting" && gate.request ? (
        <p className="gate-state">
          {t("gate.awaitingSince", { name: isolateName(gate.request.userName, lang) })} {when(gate.request.at)}
        </p>
      ) : null}
      {gate.status === "reopened" ? (
        <ReopenedNote events={gate.events} when={when} t={t} lang={lang} />
      ) : null}
      {gate.rejection ? (
        <div className="banner banner-error gate-rejection">
          <p>
            {t("gate.rejectedBy", { name: isolateName(gate.rejection.userName, lang) })} {when(gate.rejection.at)}
          </p>
          <p>
            {open}<bdi>{gate.rejection.comment}</bdi>{close}
          </p>
        </div>
      ) : null}
      {gate.status === "open" && !gate.rejection && gate.events.length === 0 ? <p className="muted">{t("gate.notRequested")}</p> : null}
      {nobodyCanSign ? <NobodyCanSign membersHref={nobodyCanSign.membersHref} sponsor={nobodyCanSign.sponsor ?? null} /> : null}

      {gate.changedSinceSignoff && gate.lastApproval ? (
        <div className="gate-changes" data-testid="gate-changes">
          <h3>{t("gate.changedTitle")}</h3>
          <p className="muted">
            {t("gate.changedLead", { name: isolateName(gate.lastApproval.userName, lang) })} {when(gate.lastApproval.at)}
          </p>
          <ChangesView changes={gate.changes} items={items} refOptions={content.refOptions} />
        </div>
      ) : null}

      {gate.imported.events.length ? <ImportedRecords imported={gate.imported} matches={gate.importedApprovalMatches} when={when}>
          <ChangesView changes={gate.importedChanges} items={items} refOptions={content.refOptions} />
        </ImportedRecords> : null}

      {canRequest && (gate.status === "open" || gate.status === "reopened") ? (
        <Form method="post" className="gate-form" preventScrollReset>
          <input type="hidden" name="intent" value="request" />
          {gate.blockedBy.length ? (
            <p className="status-missing">{t("gate.blockedBy", { phases: gate.blockedBy.map((p) => loc(p, lang)).join(lang === "fa" ? "، " : ", ") })}</p>
          ) : !gate.requiredComplete ? (
            <p className="status-missing">{t("gate.missingRequired", { count: missing, n: localDigits(missing, lang) })}</p>
          ) : (
            <p className="muted">{nobodyCanSign ? t("gate.requestLeadNobodyCanSign") : t("gate.requestLead")}</p>
          )}
          {errorFor("request") ? <p className="field-error" role="alert">{errorFor("request")}</p> : null}
          <button type="submit" className="button primary" disabled={busy || !gate.requiredComplete || gate.blockedBy.length > 0}>
            {t("gate.request")}
          </button>
        </Form>
      ) : null}

      {canRequest && gate.status === "awaiting" ? (
        <Form method="post" className="gate-form" preventScrollReset>
          <input type="hidden" name="intent" value="withdraw" />
          {errorFor("withdraw") ? <p className="field-error" role="alert">{errorFor("withdraw")}</p> : null}
          <button type="submit" className="button" disabled={busy}>{t("gate.withdraw")}</button>
        </Form>
      ) : null}

      {canSign && gate.status === "awaiting" ? (
        <div className="gate-sign">
          <p>{t("gate.signLead")}</p>
          <Fingerprint value={gate.fingerprint} label={t("gate.fingerprintNow")} />
          <Form method="post" className="gate-form" preventScrollReset>
            <input type="hidden" name="intent" value="approve" />
            <input type="hidden" name="fingerprint" value={gate.fingerprint} />
            <label className="field-label" htmlFor="approve-comment">{t("gate.approveComment")}</label>
            <textarea id="approve-comment" name="comment" className="input" rows={2} dir="auto" defaultValue={commentFor("approve")} maxLength={2000} />
            {errorFor("approve") ? <p className="field-error" role="alert">{errorFor("approve")}</p> : null}
            <button type="submit" className="button primary" disabled={busy}>{t("gate.approve")}</button>
          </Form>
          <Form method="post" className="gate-form" preventScrollReset>
            <input type="hidden" name="intent" value="reject" />
            <label className="field-label" htmlFor="reject-comment">{t("gate.rejectComment")} <span className="required-mark">*</span></label>
            <textarea id="reject-comment" name="comment" className="input" rows={2} dir="auto" defaultValue={commentFor("reject")} maxLength={2000} aria-invalid={!!errorFor("reject") || undefined} aria-describedby={errorFor("reject") ? "reject-error" : undefined} />
            {errorFor("reject") ? <p className="field-error" id="reject-error" role="alert">{errorFor("reject")}</p> : null}
            <button type="submit" className="button danger" disabled={busy}>{t("gate.reject")}</button>
          </Form>
        </div>
      ) : null}

      {canRequest && gate.status === "signed" ? (
        <Form method="post" className="gate-form" preventScrollReset>
          <input type="hidden" name="intent" value="reopen" />
          <label className="field-label" htmlFor="reopen-comment">{t("gate.reopenReason")} <span className="required-mark">*</span></label>
          <p className="field-hint">{t("gate.reopenHint")}</p>
          <textarea id="reopen-comment" name="comment" className="input" rows={2} dir="auto" defaultValue={commentFor("reopen")} maxLength={2000} aria-invalid={!!errorFor("reopen") || undefined} aria-describedby={errorFor("reopen") ? "reopen-error" : undefined} />
          {errorFor("reopen") ? <p className="field-error" id="reopen-error" role="alert">{errorFor("reopen")}</p> : null}
          <button type="submit" className="button" disabled={busy}>{t("gate.reopen")}</button>
        </Form>
      ) : null}

      <details className="gate-content" open={canSign && gate.status === "awaiting"}>
        <summary>{t("gate.contentTitle")}</summary>
        <ContentSummary steps={content.steps} snapshot={content.snapshot} refOptions={content.refOptions} />
      </details>

      {gate.events.length ? (
        <details className="gate-history">
          <summary>{t("gate.historyTitle", { n: localDigits(gate.events.length, lang) })}</summary>
          <ol className="gate-events">
            {[...gate.events].reverse().map((e) => (
              <li key={e.id}>
                <strong>{t(`gate.events.${e.kind}`)}</strong> — <bdi>{e.userName}</bdi> · {when(e.at)}
                {e.comment ? <> · {open}<bdi>{e.comment}</bdi>{close}</> : null}
                {e.fingerprint && e.kind === "approved" ? <code className="fingerprint-inline" dir="ltr"> {e.fingerprint.slice(0, 12)}…</code> : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

/** Sign-off events that came with an imported file: marked as such, and apart from the phase's own state. */
function ImportedRecords({ imported, matches, when, children }: { imported: GatePanelProps["gate"]["imported"]; matches: boolean | null; when: (iso: string) => React.ReactNode; children: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [open, close] = QUOTE_MARKS[lang] ?? QUOTE_MARKS.en;
  // The file's name isolated (FSI … PDI): a Latin name with dots and dates inside a Persian sentence would otherwise be reordered.
  const notVerified = (source: string | null | undefined) => (
    <span className="imported-mark" data-testid="imported-mark">{t("gate.imported.notVerified", { source: `\u2068${source ?? ""}\u2069` })}</span>
  );
  const approval = imported.approval;
  return (
    <div className="gate-imported" data-testid="gate-imported">
      <h3>{t("gate.imported.title")}</h3>
      <p className="muted">{t("gate.imported.lead")}</p>
      {approval ? (
        <>
          <p>
            {t("gate.imported.approvedBy", { name: isolateName(approval.userName, lang) })} {when(approval.at)} — {notVerified(approval.importedFrom)}
          </p>
          {approval.comment ? <p className="muted">{open}<bdi>{approval.comment}</bdi>{close}</p> : null}
          <Fingerprint value={approval.fingerprint} label={t("gate.imported.fingerprint")} />
          <p className="muted small">{matches ? t("gate.imported.matches") : t("gate.imported.differs")}</p>
          {matches ? null : children}
        </>
      ) : null}
      <details>
        <summary>{t("gate.imported.events", { n: localDigits(imported.events.length, lang) })}</summary>
        <ol className="gate-events">
          {[...imported.events].reverse().map((e) => (
            <li key={e.id}>
              <strong>{t(`gate.events.${e.kind}`)}</strong> — <bdi>{e.userName}</bdi> · {when(e.at)}
              {e.comment ? <> · {open}<bdi>{e.comment}</bdi>{close}</> : null} · {notVerified(e.importedFrom)}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}

function ReopenedNote({ events, when, t, lang }: { events: GateEvent[]; when: (iso: string) => React.ReactNode; t: TFunction; lang: Language }) {
  const reopen = [...events].reverse().find((e) => e.kind === "reopened");
  if (!reopen) return null;
  const [open, close] = QUOTE_MARKS[lang] ?? QUOTE_MARKS.en;
  return (
    <div className="gate-state">
      <p>
        {t("gate.reopenedBy", { name: isolateName(reopen.userName, lang) })} {when(reopen.at)}
      </p>
      <p className="muted">
        {t("gate.reason")}: {open}<bdi>{reopen.comment}</bdi>{close}
      </p>
    </div>
  );
}

function Fingerprint({ value, label }: { value: string | null; label: string }) {
  const { t } = useTranslation();
  if (!value) return null;
  return (
    <p className="fingerprint">
      <span className="muted small">{label}</span>{" "}
      <code dir="ltr" title={t("gate.fingerprintHelp")} data-testid="fingerprint">{value}</code>
    </p>
  );
}

function rowText(item: RegisterItem, cells: Cells, lang: Language, refOptions: RefOptions): string {
  return item.columns
    .map((c) => displayCell(c, cells[c.id], lang, refOptions))
    .filter(Boolean)
    .join(" · ");
}

function ChangesView({ changes, items, refOptions }: { changes: Change[]; items: Map<string, Item>; refOptions: RefOptions }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  if (changes.length === 0) return null;
  return (
    <ul className="diff-list">
      {changes.map((c) => {
        const item = items.get(c.itemId);
        if (!item) return null;
        const title = loc("title" in item ? item.title : undefined, lang) || c.itemId;
        if (c.kind === "answer") {
          return (
            <li key={c.itemId} className="diff-item">
              <h4>{title}</h4>
              <div className="diff-pair">
                <del dir="auto">{displayValue(item, c.before, lang, t)}</del>
                <ins dir="auto">{displayValue(item, c.after, lang, t)}</ins>
              </div>
              <DiffMarks marks={textChangeMarks(c.before, c.after)} />
            </li>
          );
        }
        const reg = item as RegisterItem;
        const colTitle = (id: string) => loc(reg.columns.find((col) => col.id === id)?.label, lang) || id;
        return (
          <li key={c.itemId} className="diff-item">
            <h4>{title}</h4>
            <ul>
              {c.added.map((cells, i) => (
                <li key={`a${i}`}>
                  <span className="diff-tag">{t("gate.diff.added")}</span> <ins dir="auto">{rowText(reg, cells, lang, refOptions)}</ins>
                  <DiffMarks marks={textChangeMarks(undefined, cells)} />
                </li>
              ))}
              {c.removed.map((cells, i) => (
                <li key={`r${i}`}>
                  <span className="diff-tag">{t("gate.diff.removed")}</span> <del dir="auto">{rowText(reg, cells, lang, refOptions)}</del>
                </li>
              ))}
              {c.changed.map((ch, i) => (
                <li key={`c${i}`}>
                  <span className="diff-tag">{t("gate.diff.changed")}</span>{" "}
                  {ch.columns.map((colId) => {
                    const col = reg.columns.find((x) => x.id === colId);
                    return (
                      <span key={colId} className="diff-cell">
                        {colTitle(colId)}: <del dir="auto">{col ? displayCell(col, ch.before[colId], lang, refOptions) || t("common.empty") : ""}</del>{" "}
                        <ins dir="auto">{col ? displayCell(col, ch.after[colId], lang, refOptions) || t("common.empty") : ""}</ins>
                      </span>
                    );
                  })}
                  <DiffMarks marks={textChangeMarks(ch.before, ch.after)} />
                </li>
              ))}
              {c.reordered ? <li className="muted">{t("gate.diff.reordered")}</li> : null}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * What the reader of a diff could not see for themselves: a change made of
 * invisible characters, or letters that imitate others (decision 017).
 */
function DiffMarks({ marks }: { marks: TextMark[] }) {
  const { t } = useTranslation();
  if (marks.length === 0) return null;
  return (
    <ul className="diff-marks">
      {marks.map((m, i) => (
        <li key={i} className="diff-mark" data-testid="diff-mark">
          {markText(t, m)}
        </li>
      ))}
    </ul>
  );
}

function markText(t: TFunction, m: TextMark): string {
  const script = (s: string) => t(`gate.marks.script.${s}`);
  switch (m.kind) {
    case "invisible":
      return t("gate.marks.invisible", { what: t(`gate.marks.what.${m.what}`), change: t(`gate.marks.change.${m.change}`) });
    case "mixed-script":
      return t("gate.marks.mixed", { script: script(m.script), char: m.char, word: m.word });
    case "look-alike":
      return t("gate.marks.lookAlike", { after: m.after, afterScript: script(m.afterScript), before: m.before, beforeScript: script(m.beforeScript) });
  }
}

/** Every answer of the phase, read-only: what a signature covers. */
function ContentSummary({ steps, snapshot, refOptions }: { steps: Step[]; snapshot: { items: SnapshotItem[] }; refOptions: RefOptions }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const byId = new Map(snapshot.items.map((i) => [i.id, i]));
  return (
    <div className="content-summary">
      {steps.map((step) => (
        <section key={step.id}>
          <h3>{loc(step.title, lang)}</h3>
          <dl>
            {step.items
              .filter((i) => i.kind !== "info")
              .map((item) => {
                const snap = byId.get(item.id);
                const title = loc("title" in item ? item.title : undefined, lang);
                if (item.kind === "register") {
                  const rows = snap?.rows ?? [];
                  return (
                    <div key={item.id}>
                      <dt>{title}</dt>
                      <dd>
                        {rows.length === 0 ? (
                          <span className="muted">{t("common.empty")}</span>
                        ) : (
                          <ol>
                            {rows.map((r) => (
                              <li key={r.id} dir="auto">{rowText(item, r.cells, lang, refOptions)}</li>
                            ))}
                          </ol>
                        )}
                      </dd>
                    </div>
                  );
                }
                return (
                  <div key={item.id}>
                    <dt>{title}</dt>
                    <dd dir="auto" className="pre-line">{displayValue(item, snap?.value ?? null, lang, t)}</dd>
                  </div>
                );
              })}
          </dl>
        </section>
      ))}
    </div>
  );
}
