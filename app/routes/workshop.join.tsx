import { data, redirect } from "react-router";
import type { Route } from "./+types/workshop.join";
import { useTranslation } from "#app/i18n.ts";
import { PhoneFrame } from "#app/components/phone-page.tsx";
import { translateError } from "#app/components/field.tsx";
import { getDb } from "#db/client.ts";
import { getSessionByCode, join } from "#app/domain/workshop.server.ts";
import { participantCookie, refusalData, type Refused } from "#app/domain/workshop-pages.server.ts";
import { readForm } from "#app/http.server.ts";
import { pageTitle } from "#app/meta.ts";
import { CODE_LENGTH, WORKSHOP_LIMITS, normaliseCode } from "#app/domain/workshop.ts";
import type { Language } from "#methodology/schema.ts";

/** A phone page: rendered on the server only, no app stylesheet or script (decision 039). */
export const handle = { bare: true };

export function loader({ request }: Route.LoaderArgs) {
  const code = normaliseCode(new URL(request.url).searchParams.get("code")) ?? "";
  return { code };
}

/** Joins the open session with this code, by name only; the participant's cookie names that session alone. */
export async function action({ request }: Route.ActionArgs) {
  const f = await readForm(request);
  const one = (v: unknown) => (typeof v === "string" ? v : undefined);
  if (f.intent !== "join") throw data({ error: "errors.badForm" }, { status: 400 });
  const code = one(f.code);
  const session = getSessionByCode(getDb(), code);
  if (!session) return data({ ok: false as const, field: "code", error: "workshopUi.phone.notFound", params: {} }, { status: 404 });
  try {
    const joined = join(getDb(), { sessionId: session.id, name: f.name });
    return redirect(`/w/${session.code}`, { status: 303, headers: { "Set-Cookie": participantCookie(session.id, joined.secret) } });
  } catch (error) {
    return refusalData(error);
  }
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("workshopUi.phone.joinTitle")]);
}

export default function JoinByCode({ loaderData, actionData }: Route.ComponentProps) {
  return <JoinForm code={loaderData.code} askCode refused={actionData as Refused | undefined} returnTo="/w" />;
}

/** The join form: the code (when not in the link) and a name; the button at the bottom. */
export function JoinForm({ code, askCode, refused, returnTo, removed = false }: { code: string; askCode: boolean; refused?: Refused; returnTo: string; removed?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const error = (field: string) => (refused && !refused.ok && refused.field === field ? translateError(t, lang, `${refused.error}|${JSON.stringify(refused.params ?? {})}`) : null);
  const codeError = error("code") ?? error("sessionId");
  const nameError = error("name") ?? error("_form");
  return (
    <PhoneFrame returnTo={returnTo}>
      <main id="main">
        {removed ? <p className="note" role="alert" data-testid="phone-removed">{t("workshopUi.phone.removed")}</p> : null}
        <h1>{t("workshopUi.phone.joinTitle")}</h1>
        <form method="post" id="join">
          <input type="hidden" name="intent" value="join" />
          {askCode ? (
            <>
              <label className="f" htmlFor="code">{t("workshopUi.phone.code")}</label>
              <input type="text" id="code" name="code" className="code" dir="ltr" defaultValue={code} required maxLength={CODE_LENGTH + 4} autoComplete="off" autoCapitalize="characters" aria-invalid={codeError ? true : undefined} aria-describedby={codeError ? "code-error" : undefined} />
              {codeError ? <p className="err" id="code-error" role="alert">{codeError}</p> : null}
            </>
          ) : null}
          <label className="f" htmlFor="name">{t("workshopUi.phone.name")}</label>
          <input type="text" id="name" name="name" required maxLength={WORKSHOP_LIMITS.name} dir="auto" autoComplete="name" aria-invalid={nameError ? true : undefined} aria-describedby={nameError ? "name-error name-hint" : "name-hint"} />
          {nameError ? <p className="err" id="name-error" role="alert">{nameError}</p> : null}
          <p className="muted" id="name-hint">{t("workshopUi.phone.nameHint")}</p>
        </form>
      </main>
      <div className="dock">
        <div>
          <button type="submit" form="join" className="go" data-testid="phone-join">{t("workshopUi.phone.join")}</button>
        </div>
      </div>
    </PhoneFrame>
  );
}
