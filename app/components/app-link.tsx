/**
 * Links within the app, rendered as plain anchors.
 *
 * React Router's <Link> resolves its target against the route tree and
 * subscribes to the router for every link on the page. A project page has
 * 60 to 90 links (tabs, the phase and step navigation, register pagers), and
 * that took about a fifth of the server's time for the page (decision 013).
 * Every link here is an absolute path or a query on the current page, which
 * the browser resolves by itself, so these render `<a href>` and nothing more.
 * One click listener on the document (useAppLinkNavigation, in the root)
 * turns a plain left click on any of them into a client-side navigation, as
 * <Link> would; without JavaScript they are ordinary links.
 * `data-discover` lets React Router fetch the target route's code ahead, as
 * it does for its own links.
 */
import { useEffect, type AnchorHTMLAttributes } from "react";
import { useLocation, useNavigate } from "react-router";

type To = string | { pathname?: string; search?: string; hash?: string };

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & {
  to: To;
  /** Keep the scroll position (paging through a register, say). */
  preventScrollReset?: boolean;
};

function hrefOf(to: To): string {
  if (typeof to === "string") return to;
  return `${to.pathname ?? ""}${to.search ?? ""}${to.hash ?? ""}`;
}

export function Link({ to, preventScrollReset, ...props }: LinkProps) {
  return <a {...props} href={hrefOf(to)} data-app-link={preventScrollReset ? "keep-scroll" : ""} data-discover="true" />;
}

/**
 * A link that marks itself as the current page (`aria-current="page"` and the
 * `active` class) when the location is its target or, unless `end`, below it.
 */
export function NavLink({ to, end = false, className, ...props }: LinkProps & { to: string; end?: boolean }) {
  const { pathname } = useLocation();
  const target = to.length > 1 ? to.replace(/\/+$/, "") : to;
  const active = pathname === target || (!end && pathname.startsWith(target === "/" ? "/" : `${target}/`));
  return <Link {...props} to={to} className={[className, active ? "active" : ""].filter(Boolean).join(" ") || undefined} aria-current={active ? "page" : undefined} />;
}

/** Whether a click on an anchor is one the app should handle itself. */
function appNavigationTarget(event: MouseEvent, origin: string): { path: string; keepScroll: boolean } | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return null;
  const anchor = event.target instanceof Element ? event.target.closest("a[data-app-link]") : null;
  if (!(anchor instanceof HTMLAnchorElement)) return null;
  if ((anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return null;
  const url = new URL(anchor.href);
  if (url.origin !== origin) return null;
  return { path: url.pathname + url.search + url.hash, keepScroll: anchor.dataset.appLink === "keep-scroll" };
}

/** Installs the one click listener behind every app link (call once, in the root). */
export function useAppLinkNavigation() {
  const navigate = useNavigate();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const target = appNavigationTarget(event, window.location.origin);
      if (!target) return;
      event.preventDefault();
      void navigate(target.path, { preventScrollReset: target.keepScroll });
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [navigate]);
}
