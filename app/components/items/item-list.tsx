import { Fragment } from "react";
import { loc, useTranslation } from "#app/i18n.ts";
import { actorLabel } from "#app/actors.ts";
import type { RowView, StepActionResult } from "#app/domain/step.server.ts";
import type { TeamCoverage } from "#app/domain/team.server.ts";
import type { Item, Language } from "#methodology/schema.ts";
import { LocalTime } from "#app/components/local-time.tsx";
import { TeamCoverageView } from "#app/components/team-coverage.tsx";
import { TeamRowInvites, type TeamRowInviteView } from "#app/components/team-row-invite.tsx";
import { AnswerItem } from "./answer-item.tsx";
import { RegisterItemView } from "./register-item.tsx";
import { ItemShell, type SourceInfo } from "./shared.tsx";
import type { RowPage } from "#app/register-pages.ts";
import type { CustomerVoiceNote } from "#app/views/customer-voice.ts";
import { CustomerVoicePanel } from "#app/components/customer-voice.tsx";
import { RegisterSheetActions } from "#app/components/register-sheet-actions.tsx";
import { isImportable } from "#app/domain/register-sheet.ts";

export type ItemListData = {
  projectId: number;
  answers: Record<string, { value: unknown; version: number; updatedAt: string } | null>;
  /** A register's rows on the page of it shown (all of them when it has one page). */
  rows: Record<string, RowView[]>;
  /** Which page of each register is shown (see register-pages.ts). */
  rowPages?: Record<string, RowPage>;
  /** A register's every row for its printed copy, when the URL asks for them (`print.<id>=all`). */
  printRows?: Record<string, RowView[]>;
  /** Indices of the method's example rows not in each register yet. */
  suggestionsLeft?: Record<string, number[]>;
  refOptions: Record<string, Array<{ id: number; label: string }>>;
  answered: Record<string, boolean>;
  sources: Record<string, SourceInfo>;
  lastChange: Record<string, { name: string; at: string; importedFrom?: string | null }>;
  /** Items whose phase is signed off or awaiting sign-off. */
  locked: Record<string, boolean>;
  canAnswer: boolean;
  canEditRegisters: boolean;
  /** What customers said, by the answer it informs (decision 033), and where the research register is. */
  voices?: Record<string, CustomerVoiceNote[]>;
  voiceLink?: string | null;
};

/**
 * Methodology items as editable forms — the body of a step page, and of the
 * workbench pages that gather items from several steps. Every form posts to
 * the page it is on; the page's action runs it under the item's phase lock.
 */
export function ItemList({
  items,
  data,
  fallback,
  team,
  teamInvites,
}: {
  items: Item[];
  data: ItemListData;
  fallback?: StepActionResult;
  team?: TeamCoverage | null;
  /** The team register's rows offered as project members (decision 046), for those who may invite. */
  teamInvites?: { rows: TeamRowInviteView[]; defaultLanguage: Language } | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (
    <>
      {items.map((item) => {
        const source = data.sources[item.source];
        const itemFallback = fallback && fallback.itemId === item.id ? fallback : undefined;
        const editable = !data.locked[item.id] && (item.kind === "register" ? data.canEditRegisters : data.canAnswer);
        const changed = data.lastChange[item.id];
        const changedLine = changed ? (
          <p className="muted small last-change">
            {/* The name isolated (FSI … PDI): a Persian name in an English sentence would otherwise reorder what follows it. */}
            {t("item.lastChanged", { name: `\u2068${actorLabel(changed.name, lang)}\u2069` })} <LocalTime iso={changed.at} lang={lang} />
            {changed.importedFrom != null ? <> · <span className="imported-mark">{t("history.imported", { source: `\u2068${changed.importedFrom}\u2069` })}</span></> : null}
          </p>
        ) : null;
        const voice = <CustomerVoicePanel itemId={item.id} notes={data.voices?.[item.id]} link={data.voiceLink} />;
        const wrap = (node: React.ReactNode) => (
          <Fragment key={item.id}>
            <fieldset className="item-fieldset" disabled={!editable}>
              {node}
              {changedLine}
            </fieldset>
            {/* Outside the fieldset: inviting people is not editing the register, so a signed phase does not lock it. */}
            {team && team.register.itemId === item.id && teamInvites ? <TeamRowInvites projectId={data.projectId} rows={teamInvites.rows} defaultLanguage={teamInvites.defaultLanguage} /> : null}
            {voice}
          </Fragment>
        );
        switch (item.kind) {
          case "info":
            return (
              <ItemShell key={item.id} item={item} source={source}>
                <div className={`info-body tone-${item.tone}`}>
                  {loc(item.body, lang)
                    .split(/\n{2,}/)
                    .map((para, i) => (
                      <p key={i}>{para}</p>
                    ))}
                </div>
              </ItemShell>
            );
          case "register":
            return wrap(
              <RegisterItemView
                key={item.id}
                item={item}
                rows={data.rows[item.id] ?? []}
                page={data.rowPages?.[item.id]}
                printRows={data.printRows?.[item.id]}
                suggestionsLeft={data.suggestionsLeft?.[item.id]}
                refOptions={data.refOptions}
                source={source}
                projectId={data.projectId}
                answered={data.answered[item.id] ?? false}
                fallback={itemFallback}
                toolbar={<RegisterSheetActions projectId={data.projectId} itemId={item.id} canImport={editable && isImportable(item)} />}
              >
                {team && team.register.itemId === item.id ? <TeamCoverageView coverage={team} compact /> : null}
              </RegisterItemView>,
            );
          default:
            return wrap(
              <AnswerItem
                key={item.id}
                item={item}
                stored={data.answers[item.id] ?? null}
                source={source}
                projectId={data.projectId}
                answered={data.answered[item.id] ?? false}
                fallback={itemFallback}
                changedBy={changed ? actorLabel(changed.name, lang) : null}
              />,
            );
        }
      })}
    </>
  );
}
