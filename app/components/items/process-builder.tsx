/**
 * The process-map builder (decision 042): lanes, then steps and decisions as a
 * list a facilitator edits live — add, label, put in a lane, reorder, remove;
 * a decision's branches each with a label and a target. Every change hands
 * the whole map up; the editor writes it as mermaid code and draws it.
 * Buttons and fields only (no drag), so it works from the keyboard.
 */
import { useEffect, useRef } from "react";
import { useTranslation } from "#app/i18n.ts";
import { localDigits } from "#app/views/format.ts";
import type { Language } from "#methodology/schema.ts";
import {
  END,
  NEXT,
  PROCESS_MAP_LIMITS,
  addLane,
  addStep,
  moveLane,
  moveStep,
  removeLane,
  removeStep,
  updateLane,
  updateStep,
  type ProcessMap,
  type ProcessStep,
} from "#app/domain/process-map.ts";

export function ProcessBuilder({ map, onChange, idPrefix }: { map: ProcessMap; onChange: (map: ProcessMap) => void; idPrefix: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    // After a move, add or removal the control the user was on (or the new field) keeps the focus.
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });
  const change = (next: ProcessMap, focus?: string) => {
    focusNext.current = focus ?? null;
    onChange(next);
  };
  const id = (...parts: string[]) => [idPrefix, ...parts].join("-");
  const n = (i: number) => localDigits(i + 1, lang);
  // The label is isolated (FSI … PDI, on screen only): a Persian label in an English option, or the
  // reverse, cannot carry the number to its other end.
  const stepTitle = (s: ProcessStep, i: number) => `${n(i)}. ${s.label.trim() || t(s.kind === "decision" ? "processMap.untitledDecision" : "processMap.untitledStep")}`;
  const stepName = (s: ProcessStep, i: number) => `${n(i)}. \u2068${s.label.trim() || t(s.kind === "decision" ? "processMap.untitledDecision" : "processMap.untitledStep")}\u2069`;
  const freshId = (m: ProcessMap) => m.steps[m.steps.length - 1]?.id ?? "";

  const add = (kind: ProcessStep["kind"]) => {
    const next = addStep(map, kind, { branch: [t("processMap.yes"), t("processMap.no")], lane: map.steps[map.steps.length - 1]?.lane ?? null });
    if (next === map) return;
    change(next, id("step", freshId(next), "label"));
  };

  return (
    <div className="process-builder" data-testid="process-builder">
      <div className="field process-direction">
        <label htmlFor={id("direction")} className="field-label">{t("processMap.direction")}</label>
        <select id={id("direction")} className="input" value={map.direction} onChange={(e) => change({ ...map, direction: e.currentTarget.value === "down" ? "down" : "across" })}>
          <option value="across">{t("processMap.across")}</option>
          <option value="down">{t("processMap.down")}</option>
        </select>
      </div>

      <fieldset className="process-lanes">
        <legend className="field-label">{t("processMap.lanes")}</legend>
        {map.lanes.length ? (
          <ol className="process-lane-list">
            {map.lanes.map((lane, i) => {
              const used = map.steps.some((s) => s.lane === lane.id);
              return (
                <li key={lane.id} className="process-lane">
                  <label htmlFor={id("lane", lane.id)} className="process-lane-name">{t("processMap.laneName", { n: n(i) })}</label>
                  <input id={id("lane", lane.id)} className="input" dir="auto" value={lane.label} maxLength={PROCESS_MAP_LIMITS.label} onChange={(e) => change(updateLane(map, lane.id, e.currentTarget.value))} />
                  <span className="process-buttons">
                    <button type="button" id={id("lane", lane.id, "up")} className="button small ghost" disabled={i === 0} onClick={() => change(moveLane(map, lane.id, -1), id("lane", lane.id, "up"))} aria-label={t("processMap.moveLaneUp", { n: n(i) })}>{t("processMap.up")}</button>
                    <button type="button" id={id("lane", lane.id, "down")} className="button small ghost" disabled={i === map.lanes.length - 1} onClick={() => change(moveLane(map, lane.id, 1), id("lane", lane.id, "down"))} aria-label={t("processMap.moveLaneDown", { n: n(i) })}>{t("processMap.downButton")}</button>
                    <button type="button" className="button small ghost" onClick={() => change(removeLane(map, lane.id), id("add-lane"))} aria-label={t("processMap.removeLane", { n: n(i) })}>{t("processMap.remove")}</button>
                  </span>
                  {!used ? <p className="field-hint process-lane-hint">{t("processMap.emptyLane")}</p> : null}
                </li>
              );
            })}
          </ol>
        ) : (
          <p className="field-hint">{t("processMap.noLanes")}</p>
        )}
        <button
          type="button"
          id={id("add-lane")}
          className="button small"
          disabled={map.lanes.length >= PROCESS_MAP_LIMITS.lanes}
          onClick={() => {
            const next = addLane(map, "");
            change(next, id("lane", next.lanes[next.lanes.length - 1]!.id));
          }}
        >
          {t("processMap.addLane")}
        </button>
      </fieldset>

      <fieldset className="process-steps">
        <legend className="field-label">{t("processMap.steps")}</legend>
        {map.steps.length ? (
          <ol className="process-step-list">
            {map.steps.map((s, i) => (
              <li key={s.id} className={`process-step process-${s.kind}`} data-testid="process-step" data-step-id={s.id}>
                <div className="process-step-head">
                  <span className="process-step-number" aria-hidden="true">{n(i)}</span>
                  <div className="field">
                    <label htmlFor={id("step", s.id, "kind")} className="field-label">{t("processMap.kind")}</label>
                    <select
                      id={id("step", s.id, "kind")}
                      className="input"
                      value={s.kind}
                      onChange={(e) => {
                        const kind = e.currentTarget.value === "decision" ? "decision" : "step";
                        change(updateStep(map, s.id, kind === "decision" ? { kind, branches: [{ label: t("processMap.yes"), to: "" }, { label: t("processMap.no"), to: "" }] } : { kind, next: NEXT, branches: [] }));
                      }}
                    >
                      <option value="step">{t("processMap.kinds.step")}</option>
                      <option value="decision">{t("processMap.kinds.decision")}</option>
                    </select>
                  </div>
                  <div className="field process-label">
                    <label htmlFor={id("step", s.id, "label")} className="field-label">{t(s.kind === "decision" ? "processMap.question" : "processMap.label", { n: n(i) })}</label>
                    <input id={id("step", s.id, "label")} className="input" dir="auto" value={s.label} maxLength={PROCESS_MAP_LIMITS.label} onChange={(e) => change(updateStep(map, s.id, { label: e.currentTarget.value }))} />
                  </div>
                  <div className="field">
                    <label htmlFor={id("step", s.id, "lane")} className="field-label">{t("processMap.lane")}</label>
                    <select id={id("step", s.id, "lane")} className="input" value={s.lane ?? ""} onChange={(e) => change(updateStep(map, s.id, { lane: e.currentTarget.value || null }))}>
                      <option value="">{t("processMap.noLane")}</option>
                      {map.lanes.map((l, li) => (
                        <option key={l.id} value={l.id}>{`\u2068${l.label.trim() || t("processMap.laneName", { n: n(li) })}\u2069`}</option>
                      ))}
                    </select>
                  </div>
                </div>
                <div className="process-step-foot">
                {s.kind === "step" ? (
                  <div className="field process-flow">
                    <label htmlFor={id("step", s.id, "next")} className="field-label">{t("processMap.then")}</label>
                    <select id={id("step", s.id, "next")} className="input" value={s.next} onChange={(e) => change(updateStep(map, s.id, { next: e.currentTarget.value }))}>
                      <option value={NEXT}>{i < map.steps.length - 1 ? t("processMap.nextInList", { name: stepName(map.steps[i + 1]!, i + 1) }) : t("processMap.nextNone")}</option>
                      <option value={END}>{t("processMap.end")}</option>
                      {map.steps.map((o, oi) => (o.id === s.id || oi === i + 1 ? null : <option key={o.id} value={o.id}>{stepName(o, oi)}</option>))}
                    </select>
                  </div>
                ) : (
                  <fieldset className="process-branches">
                    <legend className="field-label">{t("processMap.branches")}</legend>
                    {s.branches.map((b, bi) => (
                      <div key={bi} className="process-branch">
                        <div className="field">
                          <label htmlFor={id("step", s.id, "branch", String(bi), "label")} className="field-label">{t("processMap.branchLabel", { n: n(bi) })}</label>
                          <input
                            id={id("step", s.id, "branch", String(bi), "label")}
                            className="input"
                            dir="auto"
                            value={b.label}
                            maxLength={PROCESS_MAP_LIMITS.branchLabel}
                            onChange={(e) => change(updateStep(map, s.id, { branches: s.branches.map((x, xi) => (xi === bi ? { ...x, label: e.currentTarget.value } : x)) }))}
                          />
                        </div>
                        <div className="field">
                          <label htmlFor={id("step", s.id, "branch", String(bi), "to")} className="field-label">{t("processMap.branchTo")}</label>
                          <select
                            id={id("step", s.id, "branch", String(bi), "to")}
                            className={`input${b.to ? "" : " process-unset"}`}
                            value={b.to}
                            onChange={(e) => change(updateStep(map, s.id, { branches: s.branches.map((x, xi) => (xi === bi ? { ...x, to: e.currentTarget.value } : x)) }))}
                          >
                            <option value="">{t("processMap.chooseTarget")}</option>
                            {map.steps.map((o, oi) => (o.id === s.id ? null : <option key={o.id} value={o.id}>{stepName(o, oi)}</option>))}
                          </select>
                        </div>
                        <button type="button" className="button small ghost" onClick={() => change(updateStep(map, s.id, { branches: s.branches.filter((_, xi) => xi !== bi) }), id("step", s.id, "add-branch"))} aria-label={t("processMap.removeBranch", { n: n(bi), name: stepTitle(s, i) })}>{t("processMap.remove")}</button>
                      </div>
                    ))}
                    {s.branches.some((b) => !b.to) ? <p className="field-hint">{t("processMap.unsetBranch")}</p> : null}
                    <button
                      type="button"
                      id={id("step", s.id, "add-branch")}
                      className="button small ghost"
                      disabled={s.branches.length >= PROCESS_MAP_LIMITS.branches}
                      onClick={() => change(updateStep(map, s.id, { branches: [...s.branches, { label: "", to: "" }] }), id("step", s.id, "branch", String(s.branches.length), "label"))}
                    >
                      {t("processMap.addBranch")}
                    </button>
                  </fieldset>
                )}
                  <span className="process-buttons">
                    <button type="button" id={id("step", s.id, "up")} className="button small ghost" disabled={i === 0} onClick={() => change(moveStep(map, s.id, -1), id("step", s.id, "up"))} aria-label={t("processMap.moveUp", { name: stepTitle(s, i) })}>{t("processMap.up")}</button>
                    <button type="button" id={id("step", s.id, "down")} className="button small ghost" disabled={i === map.steps.length - 1} onClick={() => change(moveStep(map, s.id, 1), id("step", s.id, "down"))} aria-label={t("processMap.moveDown", { name: stepTitle(s, i) })}>{t("processMap.downButton")}</button>
                    <button type="button" className="button small ghost" onClick={() => change(removeStep(map, s.id), id("add-step"))} aria-label={t("processMap.removeStep", { name: stepTitle(s, i) })}>{t("processMap.remove")}</button>
                  </span>
                </div>
              </li>
            ))}
          </ol>
        ) : (
          <p className="field-hint">{t("processMap.noSteps")}</p>
        )}
        <div className="process-add">
          <button type="button" id={id("add-step")} className="button small" disabled={map.steps.length >= PROCESS_MAP_LIMITS.steps} onClick={() => add("step")}>{t("processMap.addStep")}</button>
          <button type="button" className="button small" disabled={map.steps.length >= PROCESS_MAP_LIMITS.steps} onClick={() => add("decision")}>{t("processMap.addDecision")}</button>
          {map.steps.length >= PROCESS_MAP_LIMITS.steps ? <p className="field-hint">{t("processMap.atLimit", { max: localDigits(PROCESS_MAP_LIMITS.steps, lang) })}</p> : null}
        </div>
      </fieldset>
    </div>
  );
}

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/;
const SINGLE = new Set(['"', "[", "]", "{", "}", "(", ")", "|", ":", ",", ";"]);
const RUN = new Set(["-", "=", ".", ">", "<"]);

/**
 * One line of code as pieces: mermaid's punctuation and arrows, and the text between them. Text
 * with right-to-left letters is isolated (`<bdi>`), so a Persian label reads in its own direction
 * and cannot carry the brackets and arrows around it out of their left-to-right order.
 */
export function codePieces(line: string): Array<{ text: string; isolate: boolean }> {
  const out: Array<{ text: string; isolate: boolean }> = [];
  let text = "";
  const flush = () => {
    if (!text) return;
    // Spaces at either end stay outside the isolate, where the line's own direction places them.
    const lead = text.length - text.trimStart().length;
    const trail = text.length - text.trimEnd().length;
    const core = text.slice(lead, text.length - trail);
    if (core && RTL.test(core)) {
      if (lead) out.push({ text: text.slice(0, lead), isolate: false });
      out.push({ text: core, isolate: true });
      if (trail) out.push({ text: text.slice(text.length - trail), isolate: false });
    } else out.push({ text, isolate: false });
    text = "";
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (SINGLE.has(c)) {
      flush();
      out.push({ text: c, isolate: false });
      i++;
      continue;
    }
    if (RUN.has(c) && RUN.has(line[i + 1] ?? "")) {
      flush();
      let j = i;
      while (j < line.length && RUN.has(line[j]!)) j++;
      out.push({ text: line.slice(i, j), isolate: false });
      i = j;
      continue;
    }
    text += c;
    i++;
  }
  flush();
  return out;
}

/** The code, numbered, each line an isolated left-to-right line (decision 042). */
export function CodeLines({ code, labelledBy }: { code: string; labelledBy: string }) {
  const lines = code.split("\n");
  return (
    <ol className="code-lines" dir="ltr" aria-labelledby={labelledBy}>
      {lines.map((line, i) => (
        <li key={i} dir="ltr" data-testid="code-line">
          {codePieces(line).map((p, k) => (p.isolate ? <bdi key={k}>{p.text}</bdi> : <span key={k}>{p.text}</span>))}
          {line ? null : "\u00A0"}
        </li>
      ))}
    </ol>
  );
}
