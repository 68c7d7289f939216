import { data } from "react-router";
import type { Route } from "./+types/project.live";
import { authContext } from "#app/context.ts";
import { getDb } from "#db/client.ts";
import { parseId } from "#app/http.server.ts";
import { liveFeed, validPlace } from "#app/domain/live.server.ts";
import { liveStream } from "#app/domain/live-stream.server.ts";

/**
 * A resource route: the project's live changes as Server-Sent Events, for one
 * open page (decision 037). `?place=<phaseId>/<stepId>` when the page is a step
 * (presence); `Last-Event-ID` or `?after=` to resume. Whoever may read the
 * project may listen (the access middleware checked that).
 */
export function loader({ params, request, context }: Route.LoaderArgs) {
  const auth = context.get(authContext);
  if (!auth.user || !auth.role) throw data({ error: "errors.projectNotFound" }, { status: 404 });
  const projectId = parseId(params.projectId);
  const url = new URL(request.url);
  const place = url.searchParams.get("place") ?? "";
  if (!validPlace(place)) throw data({ error: "errors.badForm" }, { status: 400 });
  const rawAfter = request.headers.get("Last-Event-ID") ?? url.searchParams.get("after");
  if (rawAfter !== null && !/^\d{1,15}$/.test(rawAfter)) throw data({ error: "errors.badForm" }, { status: 400 });
  return liveStream({ db: getDb(), feed: liveFeed(), projectId, userId: auth.user.id, place, after: rawAfter === null ? null : Number(rawAfter), signal: request.signal });
}
