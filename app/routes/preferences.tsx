import { data, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/preferences";
import { displayCookie, languageCookie } from "#app/domain/preferences.server.ts";
import { readForm, sameSitePath } from "#app/http.server.ts";
import { rememberLanguage } from "#app/domain/mail.server.ts";
import { authContext } from "#app/context.ts";
import { getDb } from "#db/client.ts";

/** Only same-site paths, so the form cannot be used as an open redirect. */
const returnTo = z
  .string()
  .optional()
  .transform((v) => sameSitePath(v) ?? "/projects");

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("language"), lang: z.enum(["fa", "en"]), returnTo }),
  z.object({ intent: z.literal("display"), display: z.enum(["large", "normal"]), returnTo }),
]);

export async function action({ request, context }: Route.ActionArgs) {
  const parsed = schema.safeParse(await readForm(request));
  if (!parsed.success) throw data({ error: "errors.badForm" }, { status: 400 });
  const input = parsed.data;
  // A signed-in person's choice is kept with their account too: their emails are written in it (decision 046).
  const user = context.get(authContext).user;
  if (input.intent === "language" && user) rememberLanguage(getDb(), user.id, input.lang);
  const cookie = input.intent === "language" ? await languageCookie.serialize(input.lang) : await displayCookie.serialize(input.display);
  return redirect(input.returnTo, { headers: { "Set-Cookie": cookie } });
}

export function loader() {
  return redirect("/projects");
}
