import { useEffect } from "react";
import { I18nextProvider } from "react-i18next";
import { Form, Links, Meta, Outlet, isRouteErrorResponse, useLocation, useMatches, useRouteLoaderData } from "react-router";
import { Link, useAppLinkNavigation } from "#app/components/app-link.tsx";
import { FrameworkScripts } from "#app/components/framework-scripts.tsx";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/root";
import { direction, i18nFor, useTranslation } from "./i18n.ts";
import { getPreferences } from "./domain/preferences.server.ts";
import type { Language } from "#methodology/schema.ts";
import { invitationLanguage } from "./domain/members.server.ts";
import { phoneLanguage } from "./domain/workshop-pages.server.ts";
import { getDb } from "#db/client.ts";
import { accessMiddleware, noStoreMiddleware } from "./domain/guard.server.ts";
import { pageMemoMiddleware } from "./page-memo.server.ts";
import { authContext } from "./context.ts";
import "vazirmatn/Vazirmatn-Variable-font-face.css";
import "./styles/app.css";

/**
 * Every answer is marked not to be kept (`Cache-Control: no-store`); every
 * request passes the access check first (see app/access.ts); then a page
 * asked for again with nothing changed is answered from the page memo
 * (app/page-memo.server.ts).
 */
export const middleware: Route.MiddlewareFunction[] = [noStoreMiddleware, accessMiddleware, pageMemoMiddleware];

/** Pages that speak a language of their own unless this browser chose one: the path (its key captured) and that language, if known. */
const OWN_LANGUAGE: ReadonlyArray<[RegExp, (key: string, request: Request) => Language | null | Promise<Language | null>]> = [
  // A workshop phone page: the project's language (decision 039).
  [/^\/w\/([^/]+)\/?$/, (key, request) => phoneLanguage(getDb(), request, key)],
  // An invitation: the language its inviter chose (decision 046).
  [/^\/invitations\/([^/]+)\/?$/, (key) => invitationLanguage(getDb(), key)],
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = context.get(authContext);
  const { chosen, ...prefs } = await getPreferences(request);
  if (!chosen) {
    const path = new URL(request.url).pathname;
    for (const [pattern, language] of OWN_LANGUAGE) {
      const key = pattern.exec(path)?.[1];
      if (key !== undefined) prefs.lang = (await language(decodeURIComponent(key), request)) ?? prefs.lang;
    }
  }
  return { ...prefs, user: user ? { name: user.displayName, email: user.email, isAdmin: user.isAdmin } : null };
}

/**
 * A route whose `handle` says `{ bare: true }` (the workshop's phone view,
 * decision 039) is a server-rendered page on its own: no app header, no
 * stylesheet or font of the app, and none of React Router's scripts, so the
 * page is never hydrated and weighs a few kilobytes. It brings its own style.
 */
export type BareHandle = { bare: true };
const isBare = (handle: unknown) => typeof handle === "object" && handle !== null && (handle as Partial<BareHandle>).bare === true;
/** A route whose `handle` says `{ header: false }` (the workshop's projector) fills the screen without the app header. */
const noHeader = (handle: unknown) => typeof handle === "object" && handle !== null && (handle as { header?: unknown }).header === false;

export function Layout({ children }: { children: React.ReactNode }) {
  const prefs = useRouteLoaderData<typeof loader>("root");
  const lang = prefs?.lang ?? "fa";
  const i18n = i18nFor(lang);
  const matches = useMatches();
  const bare = matches.some((m) => isBare(m.handle));
  if (bare) {
    return (
      <html lang={lang} dir={direction(lang)}>
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <Meta />
        </head>
        <body>
          <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
        </body>
      </html>
    );
  }
  return (
    <html lang={lang} dir={direction(lang)} className={prefs?.large ? "large" : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          {matches.some((m) => noHeader(m.handle)) ? null : <AppHeader large={prefs?.large ?? false} user={prefs?.user ?? null} />}
          {children}
        </I18nextProvider>
        <FrameworkScripts />
      </body>
    </html>
  );
}

type HeaderUser = { name: string; email: string; isAdmin: boolean } | null;

function AppHeader({ large, user }: { large: boolean; user: HeaderUser }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const back = location.pathname + location.search;
  const other = i18n.language === "fa" ? "en" : "fa";
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">{t("app.skipToContent")}</a>
      <Link to="/projects" className="brand">
        <span className="brand-mark" aria-hidden="true">◆</span>
        <span>{t("app.name")}</span>
        <span className="brand-tagline">{t("app.tagline")}</span>
      </Link>
      <nav className="header-tools" aria-label={t("app.preferences")}>
        <Form method="post" action="/preferences" className="inline-form">
          <input type="hidden" name="intent" value="display" />
          <input type="hidden" name="display" value={large ? "normal" : "large"} />
          <input type="hidden" name="returnTo" value={back} />
          <button type="submit" className="button ghost small" aria-pressed={large}>
            {large ? t("app.normalText") : t("app.largeText")}
          </button>
        </Form>
        <Form method="post" action="/preferences" className="inline-form">
          <input type="hidden" name="intent" value="language" />
          <input type="hidden" name="lang" value={other} />
          <input type="hidden" name="returnTo" value={back} />
          <button type="submit" className="button ghost small" lang={other} data-testid="language-switch">
            {t("app.switchLanguage")}
          </button>
        </Form>
        {user ? (
          <>
            {user.isAdmin ? (
              <>
                <Link to="/admin/users" className="button ghost small">{t("admin.users")}</Link>
                <Link to="/admin/branding" className="button ghost small">{t("branding.adminLink")}</Link>
              </>
            ) : null}
            <Link to="/account" className="button ghost small user-name" title={user.email}>
              <bdi>{user.name}</bdi>
            </Link>
            <Form method="post" action="/logout" className="inline-form">
              <button type="submit" className="button ghost small" data-testid="sign-out">{t("auth.signOut")}</button>
            </Form>
          </>
        ) : location.pathname !== "/login" ? (
          <Link to={`/login?returnTo=${encodeURIComponent(back)}`} className="button ghost small">{t("auth.signIn")}</Link>
        ) : null}
      </nav>
    </header>
  );
}

export default function App() {
  useAppLinkNavigation();
  // Marks the page as interactive (tests wait for it before typing).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return <Outlet />;
}

export function meta({ matches, error }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [isRouteErrorResponse(error) && error.status === 404 ? t("errors.notFound") : null]);
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage error={error} />;
}

export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  let status = 500;
  let key = "errors.unexpected";
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const fromData = typeof error.data === "object" && error.data && "error" in error.data ? String(error.data.error) : null;
    key = fromData ?? (status === 404 ? "errors.notFound" : status === 413 ? "errors.tooLarge" : status === 400 ? "errors.badForm" : "errors.unexpected");
  } else if (import.meta.env.DEV && error instanceof Error) {
    console.error(error);
  }
  return (
    <main id="main" className="page narrow error-page">
      <p className="error-status">{status}</p>
      <h1>{t(key, { defaultValue: t("errors.unexpected") })}</h1>
      <p>
        <Link to="/projects" className="button">{t("errors.backToProjects")}</Link>
      </p>
    </main>
  );
}
