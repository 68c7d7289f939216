import { useTranslation } from "#app/i18n.ts";
import type { Language } from "#methodology/schema.ts";

/**
 * The frame of the workshop's phone pages (decision 039): no app stylesheet,
 * font or script (the route's `handle` is `{ bare: true }`), so its own small
 * style is inline; system fonts. Big targets, the action at the bottom within
 * reach of a thumb, 390 px wide and up, right to left in Persian.
 */
const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:17px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,Tahoma,"Noto Sans Arabic",sans-serif;color:#1b2430;background:#f4f6f9}
html[lang=fa] body{line-height:1.85}
.w{max-width:34rem;margin:0 auto;min-height:100vh;display:flex;flex-direction:column}
.w-top{display:flex;justify-content:space-between;align-items:center;gap:.5rem;padding:.6rem 1rem;background:#fff;border-bottom:1px solid #dde3ea;font-size:.95rem}
.w-top form{margin:0}
.w-lang{background:none;border:1px solid #dde3ea;border-radius:8px;padding:.35rem .8rem;font:inherit;color:#1f4e8c;min-height:44px}
main{flex:1;padding:1rem 1rem 7rem}
h1{font-size:1.35rem;line-height:1.4;margin:.2rem 0 .8rem}
h2{font-size:1.1rem;margin:1.2rem 0 .4rem}
p{margin:.4rem 0}
.muted{color:#4a5665;font-size:.95rem}
label.f{display:block;font-weight:600;margin:.8rem 0 .3rem}
input[type=text],textarea{width:100%;font:inherit;font-size:1.1rem;padding:.7rem .8rem;border:1px solid #9aa5b1;border-radius:10px;background:#fff}
textarea{min-height:7rem}
.code{letter-spacing:.2em;text-transform:uppercase;font-family:ui-monospace,Menlo,Consolas,monospace}
.err{color:#b4232c;font-weight:600;margin:.3rem 0}
.ok{color:#1e7b4f;font-weight:600;background:#e3f3ea;padding:.6rem .8rem;border-radius:10px}
.note{background:#fff;border:1px solid #dde3ea;border-radius:12px;padding:1rem;margin:1rem 0}
fieldset{border:1px solid #dde3ea;border-radius:12px;background:#fff;margin:.8rem 0;padding:.6rem .8rem .8rem}
legend{font-weight:700;padding:0 .3rem}
.sub{font-weight:600;margin:.5rem 0 .2rem;color:#4a5665}
.scale{display:grid;grid-template-columns:repeat(6,1fr);gap:.35rem}
.scale label,.opts label{display:flex;align-items:center;justify-content:center;min-height:48px;border:1px solid #9aa5b1;border-radius:10px;background:#fff;font-weight:700;font-size:1.1rem;cursor:pointer}
.scale input,.opts input{position:absolute;opacity:0;width:1px;height:1px}
.scale label:has(input:checked),.opts label:has(input:checked){background:#1f4e8c;color:#fff;border-color:#1f4e8c}
.scale label:has(input:focus-visible),.opts label:has(input:focus-visible){outline:3px solid #f0b400;outline-offset:2px}
.opts{display:grid;gap:.5rem}
.opts label{justify-content:flex-start;padding:.6rem 1rem;font-weight:600;text-align:start}
.pts{display:flex;align-items:center;justify-content:space-between;gap:.8rem}
.pts input{width:6rem;font:inherit;font-size:1.2rem;padding:.5rem;border:1px solid #9aa5b1;border-radius:10px;text-align:center}
.dock{position:fixed;bottom:0;left:0;right:0;padding:.7rem 1rem calc(.7rem + env(safe-area-inset-bottom));background:rgba(244,246,249,.96);border-top:1px solid #dde3ea}
.dock div{max-width:32rem;margin:0 auto}
.go{display:block;width:100%;min-height:56px;font:inherit;font-size:1.15rem;font-weight:700;color:#fff;background:#1f4e8c;border:none;border-radius:12px;cursor:pointer}
.bar[hidden]{display:none}
.bar{position:sticky;top:0;z-index:2;background:#fff4e0;border-bottom:1px solid #e6c88f;padding:.6rem 1rem;display:flex;gap:.8rem;align-items:center;justify-content:space-between}
.bar button{min-height:44px;font:inherit;font-weight:700;border:1px solid #9a5b00;border-radius:8px;background:#fff;color:#9a5b00;padding:0 1rem}
ul.mine{padding-inline-start:1.2rem}
`;

export function PhoneFrame({ children, returnTo, name }: { children: React.ReactNode; returnTo: string; name?: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const other = lang === "fa" ? "en" : "fa";
  return (
    <div className="w">
      <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      <div className="w-top">
        <span>
          <strong>{t("workshopUi.phone.title")}</strong>
          {name ? <> · <bdi>{name}</bdi></> : null}
        </span>
        <form method="post" action="/preferences">
          <input type="hidden" name="intent" value="language" />
          <input type="hidden" name="lang" value={other} />
          <input type="hidden" name="returnTo" value={returnTo} />
          <button type="submit" className="w-lang" lang={other} data-testid="phone-language">{t("app.switchLanguage")}</button>
        </form>
      </div>
      {children}
    </div>
  );
}
