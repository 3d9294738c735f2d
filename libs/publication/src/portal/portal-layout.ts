/** Escapes text for HTML (element content and quoted attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** A tagged template that escapes every value, unless it is markup made by `html` itself. */
export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = string | number | Markup | null | undefined | false | Array<string | Markup>;

export function html(strings: TemplateStringsArray, ...values: Value[]): Markup {
  let out = strings[0];
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1];
  });
  return new Markup(out);
}

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Markup) return value.value;
  if (Array.isArray(value)) return value.map((item) => render(item)).join('');
  return escapeHtml(String(value));
}

/** The stylesheet of every page: readable on a phone, clear focus, contrast well above 4.5:1. */
const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:1.0625rem;line-height:1.55;color:#1b1b1b;background:#fff}
a{color:#00528a;text-underline-offset:.15em}
a:hover{color:#002d4d}
:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:1}
.skip:focus{left:.5rem}
header{background:#0b3a5d;color:#fff;padding:.75rem 1rem}
header a{color:#fff}
header .site{margin:0 0 .5rem;font-weight:700;font-size:1.15rem}
header ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
header nav a{display:inline-block;padding:.35rem 0;min-height:44px;line-height:2}
header nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
main{max-width:60rem;margin:0 auto;padding:1rem}
footer{max-width:60rem;margin:2rem auto 0;padding:1rem;border-top:1px solid #c8c8c8;font-size:.95rem}
h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:1.75rem 0 .5rem}
h3{font-size:1.1rem;margin:1rem 0 .25rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1rem}
dl.facts dt{font-weight:700}
dl.facts dd{margin:0}
ul.plain,ol.plain{list-style:none;padding:0;margin:0}
.card{border:1px solid #c8c8c8;border-radius:6px;padding:.75rem 1rem;margin:0 0 .75rem}
.card h3{margin-top:0}
.meta{color:#4a4a4a;font-size:.95rem;margin:.25rem 0}
.closed{font-style:italic}
.steps li{padding:.5rem 0 .5rem 1.75rem;position:relative;border-left:3px solid #c8c8c8;margin-left:.5rem}
.steps li::before{content:"";position:absolute;left:-.6rem;top:.85rem;width:1rem;height:1rem;border-radius:50%;background:#fff;border:3px solid #6b6b6b}
.steps li.done::before{background:#1e6b34;border-color:#1e6b34}
.steps li.current::before{background:#fff;border-color:#0b3a5d}
form.search{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));align-items:end;margin-bottom:1rem}
label{display:block;font-weight:600;margin-bottom:.2rem}
input,select,button{font:inherit;min-height:44px;padding:.4rem .5rem;border:2px solid #6b6b6b;border-radius:4px;width:100%;background:#fff;color:#1b1b1b}
button{background:#0b3a5d;color:#fff;border-color:#0b3a5d;cursor:pointer;font-weight:600}
.pager{display:flex;gap:1rem;margin:1rem 0}
.pager a{display:inline-block;min-height:44px;line-height:44px}
.file{display:inline-block;min-height:44px;line-height:44px}
@media (max-width:30rem){dl.facts{grid-template-columns:1fr}dl.facts dt{margin-top:.5rem}h1{font-size:1.45rem}}
`;

export interface PortalPage {
  title: string;
  municipality: { slug: string; name: string };
  /** Which of the main menu's entries the page belongs to. */
  section: 'start' | 'diarium' | 'anslag' | null;
  body: Markup;
}

/** A page of the portal: Swedish, landmarks, a skip link, the main menu and the open-data link. */
export function portalPage(page: PortalPage): string {
  const base = `/portal/${encodeURIComponent(page.municipality.slug)}`;
  const entry = (section: PortalPage['section'], href: string, text: string) =>
    html`<li>
      <a href="${href}" ${page.section === section ? new Markup(' aria-current="page"') : ''}
        >${text}</a
      >
    </li>`;
  return `<!doctype html>
${html`<html lang="sv">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${page.title} – ${page.municipality.name}</title>
    <style>
      ${new Markup(STYLE)}
    </style>
  </head>
  <body>
    <a class="skip" href="#innehall">Till innehållet</a>
    <header>
      <p class="site"><a href="${base}">${page.municipality.name} – nämnder och beslut</a></p>
      <nav aria-label="Huvudmeny">
        <ul>
          ${entry('start', base, 'Nämnder och sammanträden')}
          ${entry('diarium', `${base}/diarium`, 'Sök i diariet')}
          ${entry('anslag', `/anslagstavla/${encodeURIComponent(page.municipality.slug)}`, 'Anslagstavlan')}
        </ul>
      </nav>
    </header>
    <main id="innehall">${page.body}</main>
    <footer>
      <p>
        Uppgifterna kommer från kommunens diarium och protokoll. Ärenden som omfattas av sekretess
        visas bara med sin offentliga rubrik.
      </p>
      <p>
        Öppna data för maskiner:
        <a href="/oparl/v1/bodies/${encodeURIComponent(page.municipality.slug)}">OParl 1.1</a>.
      </p>
    </footer>
  </body>
</html>`}
`;
}
