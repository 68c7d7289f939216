import { data } from "react-router";
import type { Route } from "./+types/workshop.phone-events";
import { getDb } from "#db/client.ts";
import { readCookie } from "#app/domain/auth.server.ts";
import { phoneEvents } from "#app/domain/workshop-events.server.ts";
import { participantBySecret } from "#app/domain/workshop.server.ts";
import { participantCookieName, sessionOfKey } from "#app/domain/workshop-pages.server.ts";

/**
 * A resource route: a phone's Server-Sent Events (decision 039) — only that
 * its session changed (`change`, no content: the phone asks for its own page
 * again) or ended (`ended`). For a participant of an open session only.
 */
export function loader({ params, request }: Route.LoaderArgs) {
  const db = getDb();
  const session = sessionOfKey(db, params.token);
  if (!session || session.endedAt) throw data({ error: "workshopUi.phone.notFound" }, { status: 404 });
  const participant = participantBySecret(db, session.id, readCookie(request, participantCookieName(session.id)));
  if (!participant) throw data({ error: "workshop.errors.unknownParticipant" }, { status: 403 });
  return phoneEvents({ db, session, participantId: participant.id, signal: request.signal });
}
