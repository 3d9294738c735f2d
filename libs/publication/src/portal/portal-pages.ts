import { formatSwedishLongDate, formatSwedishTime, localDate } from '@nf/common';
import type {
  PublicAgendaItem,
  PublicCase,
  PublicCaseSummary,
  PublicFile,
  PublicMeeting,
  PublicMeetingSummary,
  PublicNotice,
  PublicOrgan,
} from '../public-read-model';
import { escapeHtml, html, Markup, portalPage } from './portal-layout';
import type { PortalSearch } from './portal-query';

interface Municipality {
  slug: string;
  name: string;
}

interface Page {
  title: string;
  section: 'start' | 'diarium' | 'anslag' | null;
  body: Markup;
}

const MEETING_STATUS: Record<string, string> = {
  planned: 'Planerat',
  summoned: 'Kallat',
  held: 'Hållet',
  adjusted: 'Protokollet är justerat',
  posted: 'Protokollet är anslaget',
  cancelled: 'Inställt',
};

const CASE_STATUS: Record<string, string> = {
  open: 'Pågående',
  decided: 'Beslutat',
  closed: 'Avslutat',
};

const STEP_STATE: Record<string, string> = {
  planned: 'Planerat',
  preparing: 'Bereds',
  ready: 'Klart att tas upp på ett sammanträde',
  done: 'Klart',
  withdrawn: 'Återtaget',
};

const STEP_ROLE: Record<string, string> = {
  prepare: 'bereder ärendet',
  propose: 'lämnar förslag till beslut',
  decide: 'beslutar',
  inform: 'får information',
};

const OUTCOME: Record<string, string> = {
  decision: 'Beslut',
  election: 'Val',
  proposal: 'Förslag till beslut',
  aterremiss: 'Återremitterat',
  bordlaggning: 'Bordlagt',
  information: 'Informationen noteras',
  withdrawn: 'Återtaget',
  standing: 'Behandlat',
};

const base = (municipality: Municipality) => `/portal/${encodeURIComponent(municipality.slug)}`;

/** "måndagen den 11 december 2023 kl 13:00" (as the kallelse writes it), in local time. */
function when(instant: Date): string {
  return `${formatSwedishLongDate(localDate(instant))} ${formatSwedishTime(instant)}`;
}

function organName(organs: PublicOrgan[], id: number | null): string {
  return organs.find((organ) => organ.id === id)?.name ?? 'Okänt organ';
}

/** A file link that says what it is and how large, so that nobody opens a PDF by surprise. */
function fileLink(municipality: Municipality, file: PublicFile, label = file.name): Markup {
  const kb = Math.max(1, Math.round(file.size / 1024));
  const type = file.mimeType === 'application/pdf' ? 'PDF' : file.mimeType;
  return html`<a
    class="file"
    href="/oparl/v1/bodies/${encodeURIComponent(municipality.slug)}/files/${file.key}/content"
    >${label} (${type}, ${kb} kB)</a
  >`;
}

function meetingList(
  municipality: Municipality,
  organs: PublicOrgan[],
  meetings: PublicMeetingSummary[],
  withOrgan: boolean,
): Markup {
  if (meetings.length === 0) return html`<p>Inga sammanträden.</p>`;
  return html`<ul class="plain">
    ${meetings.map(
      (meeting) =>
        html`<li class="card">
          <h3>
            <a href="${base(municipality)}/moten/${meeting.id}"
              >${withOrgan ? `${organName(organs, meeting.organId)}, ` : ''}${when(meeting.startsAt)}</a
            >
          </h3>
          <p class="meta">${meeting.place} · ${MEETING_STATUS[meeting.status] ?? meeting.status}</p>
        </li>`,
    )}
  </ul>`;
}

export function startPage(
  municipality: Municipality,
  organs: PublicOrgan[],
  coming: PublicMeetingSummary[],
): Page {
  const active = organs.filter((organ) => organ.active);
  return {
    title: 'Nämnder och sammanträden',
    section: 'start',
    body: html`<h1>Nämnder och sammanträden i ${municipality.name}</h1>
      <p>
        Här finns kommunens politiska organ, deras sammanträden med kallelser och protokoll, och
        diariet där du kan söka ärenden och se var de är.
      </p>
      <h2>Kommande sammanträden</h2>
      ${meetingList(municipality, organs, coming, true)}
      <h2>Organ</h2>
      <ul>
        ${active.map((organ) => html`<li><a href="${base(municipality)}/organ/${organ.id}">${organ.name}</a></li>`)}
      </ul>`,
  };
}

export function organPage(
  municipality: Municipality,
  organ: PublicOrgan,
  year: number,
  years: number[],
  meetings: PublicMeetingSummary[],
): Page {
  const link = (to: number, text: string) =>
    html`<a href="${base(municipality)}/organ/${organ.id}?ar=${to}">${text}</a>`;
  return {
    title: `${organ.name} ${year}`,
    section: 'start',
    body: html`<h1>${organ.name}</h1>
      <h2>Sammanträden ${year}</h2>
      <nav class="pager" aria-label="År">
        ${years.includes(year - 1) || years.some((other) => other < year) ? link(year - 1, `Föregående år (${year - 1})`) : ''}
        ${years.some((other) => other > year) ? link(year + 1, `Nästa år (${year + 1})`) : ''}
      </nav>
      ${meetingList(municipality, [], meetings, false)}`,
  };
}

function itemContent(item: PublicAgendaItem): Markup {
  if (!item.public) {
    return html`<p class="closed">
        Ärendet omfattas av sekretess eller behandlas inom stängda dörrar. Bara dess offentliga
        rubrik visas.
      </p>
      ${item.outcome ? html`<p class="meta">${OUTCOME[item.outcome] ?? item.outcome}</p>` : ''}`;
  }
  if (!item.outcome) return html``;
  return html`<p class="meta">${OUTCOME[item.outcome] ?? item.outcome}</p>
    ${item.decisionText ? html`<p>${item.decisionText}</p>` : ''}`;
}

export function meetingPage(
  municipality: Municipality,
  meeting: PublicMeeting,
  organs: PublicOrgan[],
  cases: PublicCase[],
): Page {
  const organ = organName(organs, meeting.organId);
  const dnr = new Map(cases.map((record) => [record.id, record.dnr]));
  return {
    title: `${organ} ${localDate(meeting.startsAt)}`,
    section: 'start',
    body: html`<h1>${organ}, sammanträde ${formatSwedishLongDate(localDate(meeting.startsAt))}</h1>
      <dl class="facts">
        <dt>Tid</dt>
        <dd>${when(meeting.startsAt)}</dd>
        <dt>Plats</dt>
        <dd>${meeting.place}</dd>
        <dt>Status</dt>
        <dd>${MEETING_STATUS[meeting.status] ?? meeting.status}</dd>
      </dl>
      <h2>Handlingar</h2>
      <ul>
        ${meeting.kallelse ? html`<li>${fileLink(municipality, meeting.kallelse, 'Kallelse med dagordning')}</li>` : html`<li>Kallelsen är inte publicerad än.</li>`}
        ${meeting.protocol ? html`<li>${fileLink(municipality, meeting.protocol, 'Justerat protokoll')}</li>` : html`<li>Protokollet publiceras när det är justerat.</li>`}
      </ul>
      <h2>Dagordning</h2>
      ${
        meeting.items.length === 0
          ? html`<p>Dagordningen är tom.</p>`
          : html`<ol class="plain">
              ${meeting.items.map(
                (item) =>
                  html`<li class="card">
                    <h3>
                      ${item.paragraphNumber === null ? `${item.ordinal}.` : `§ ${item.paragraphNumber}`}
                      ${item.title}
                    </h3>
                    ${item.caseId !== null ? html`<p class="meta">Diarienummer <a href="${base(municipality)}/arenden/${item.caseId}">${dnr.get(item.caseId) ?? 'ärendet'}</a></p>` : ''}
                    ${itemContent(item)}
                  </li>`,
              )}
            </ol>`
      }`,
  };
}

export function searchPage(
  municipality: Municipality,
  organs: PublicOrgan[],
  query: PortalSearch,
  results: { cases: PublicCaseSummary[]; next: number | null },
  searched: boolean,
  problems: string[] = [],
): Page {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({
    q: query.q,
    dnr: query.dnr,
    organ: query.organ,
    fran: query.fran,
    till: query.till,
  })) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const next =
    results.next === null
      ? null
      : `${base(municipality)}/diarium?${new URLSearchParams([...params, ['efter', String(results.next)]]).toString()}`;
  const first = `${base(municipality)}/diarium?${params.toString()}`;
  return {
    title: 'Sök i diariet',
    section: 'diarium',
    body: html`<h1>Sök i diariet</h1>
      <p>
        Diariet är kommunens register över ärenden och handlingar. Sök på ord i rubriken, på
        diarienummer, organ eller datum.
      </p>
      <form
        class="search"
        method="get"
        action="${base(municipality)}/diarium"
        role="search"
        aria-label="Sök ärenden"
      >
        <div>
          <label for="q">Sökord</label
          ><input id="q" name="q" type="search" value="${query.q ?? ''}" />
        </div>
        <div>
          <label for="dnr">Diarienummer</label
          ><input id="dnr" name="dnr" value="${query.dnr ?? ''}" placeholder="2023-00495" />
        </div>
        <div>
          <label for="organ">Organ</label
          ><select id="organ" name="organ">
            <option value="">Alla organ</option>
            ${organs.map(
              (organ) =>
                html`<option value="${organ.id}" ${query.organ === organ.id ? html` selected` : ''}>
                  ${organ.name}
                </option>`,
            )}
          </select>
        </div>
        <div>
          <label for="fran">Registrerat från</label
          ><input id="fran" name="fran" type="date" value="${query.fran ?? ''}" />
        </div>
        <div>
          <label for="till">Registrerat till</label
          ><input id="till" name="till" type="date" value="${query.till ?? ''}" />
        </div>
        <div><button type="submit">Sök</button></div>
      </form>
      ${
        problems.length
          ? html`<div role="alert">
              ${problems.map((problem) => html`<p class="closed">${problem}</p>`)}
            </div>`
          : ''
      }
      <h2 id="traffar">${searched ? 'Träffar' : 'Senast registrerade ärenden'}</h2>
      ${
        results.cases.length === 0
          ? html`<p>Inga ärenden hittades.</p>`
          : html`<ul class="plain" aria-labelledby="traffar">
              ${results.cases.map(
                (record) =>
                  html`<li class="card">
                    <h3>
                      <a href="${base(municipality)}/arenden/${record.id}">${record.title}</a>
                    </h3>
                    <p class="meta">
                      Dnr ${record.dnr} · registrerat ${record.registeredOn} ·
                      ${CASE_STATUS[record.status] ?? record.status}
                    </p>
                  </li>`,
              )}
            </ul>`
      }
      <nav class="pager" aria-label="Sidor">
        ${query.efter ? html`<a href="${first}">Första sidan</a>` : ''}
        ${next ? html`<a href="${next}">Nästa sida</a>` : ''}
      </nav>`,
  };
}

export function casePage(
  municipality: Municipality,
  record: PublicCase,
  organs: PublicOrgan[],
  meetings: PublicMeeting[],
  follow?: { error: string; email: string },
): Page {
  const current = record.steps.find((step) => step.state !== 'done' && step.state !== 'withdrawn');
  const meetingOf = new Map(meetings.map((meeting) => [meeting.id, meeting]));
  return {
    title: record.title,
    section: 'diarium',
    body: html`<h1>${record.title}</h1>
      <dl class="facts">
        <dt>Diarienummer</dt>
        <dd>${record.dnr}</dd>
        <dt>Registrerat</dt>
        <dd>${formatSwedishLongDate(record.registeredOn)}</dd>
        <dt>Status</dt>
        <dd>${CASE_STATUS[record.status] ?? record.status}</dd>
        ${
          record.organId !== null
            ? html`<dt>Ansvarigt organ</dt>
                <dd>${organName(organs, record.organId)}</dd>`
            : ''
        }
      </dl>
      ${record.secret ? html`<p class="closed">Ärendet omfattas av sekretess. Bara dess offentliga rubrik och gång visas.</p>` : ''}
      <h2>Var är ärendet?</h2>
      ${
        record.steps.length === 0
          ? html`<p>Ärendet går inte till något politiskt organ.</p>`
          : html`<ol class="plain steps">
              ${record.steps.map((step) => {
                const meeting = step.meetingId === null ? undefined : meetingOf.get(step.meetingId);
                const state = step === current ? 'current' : step.state === 'done' ? 'done' : '';
                return html`<li class="${state}">
                  <strong>${organName(organs, step.organId)}</strong>
                  ${STEP_ROLE[step.role] ?? step.role}${step.authoritative ? ' (fattar det slutliga beslutet)' : ''}.
                  <br />${step === current ? html`<strong>Här är ärendet nu:</strong> ` : ''}${STEP_STATE[step.state] ?? step.state}${step.doneAt ? ` ${formatSwedishLongDate(localDate(step.doneAt))}` : ''}.
                  ${meeting ? html`<br />Sammanträde: <a href="${base(municipality)}/moten/${meeting.id}">${formatSwedishLongDate(localDate(meeting.startsAt))}</a>` : ''}
                </li>`;
              })}
            </ol>`
      }
      <h2>Handlingar</h2>
      ${
        record.files.length === 0
          ? html`<p>
              Inga handlingar är publicerade här. Du kan begära ut allmänna handlingar från
              kommunens registratur.
            </p>`
          : html`<ul>
              ${record.files.map((file) => html`<li>${fileLink(municipality, file)}</li>`)}
            </ul>`
      }
      <h2 id="folj">Följ ärendet</h2>
      <p>
        Få e-post när ärendet går vidare: när ett steg är klart, när det sätts upp på ett
        sammanträde och när beslutet är justerat. Du får först ett e-brev med en länk att bekräfta
        med. Din adress sparas bara så länge du följer ärendet, och varje e-brev har en länk för att
        sluta.
      </p>
      <form
        method="post"
        action="${base(municipality)}/arenden/${record.id}/folj"
        class="search"
        aria-labelledby="folj"
      >
        <div>
          <label for="epost">Din e-postadress</label>
          ${follow ? html`<p id="epost-fel" class="closed" role="alert">${follow.error}</p>` : ''}
          <input
            id="epost"
            name="epost"
            type="email"
            autocomplete="email"
            required
            value="${follow?.email ?? ''}"
            ${follow ? html`aria-invalid="true" aria-describedby="epost-fel"` : ''}
          />
        </div>
        <div><button type="submit">Följ ärendet</button></div>
      </form>`,
  };
}

/** The pages of following a case: asked, to confirm, confirmed, to stop, stopped. */
export function followPage(
  municipality: Municipality,
  state: 'requested' | 'confirm' | 'confirmed' | 'unsubscribe' | 'unsubscribed',
  caseId: number,
  token?: string,
): Page {
  const caseLink = html`<p>
    <a href="${base(municipality)}/arenden/${caseId}">Tillbaka till ärendet</a>
  </p>`;
  const action = (path: string, label: string) =>
    html`<form method="post" action="${base(municipality)}/folj/${token ?? ''}/${path}">
      <button type="submit">${label}</button>
    </form>`;
  const pages = {
    requested: html`<h1>Kolla din e-post</h1>
      <p>
        Vi har skickat ett e-brev med en länk. Öppna länken för att bekräfta att du vill följa
        ärendet. Bekräftar du inte inom en vecka glömmer vi adressen.
      </p>
      ${caseLink}`,
    confirm: html`<h1>Bekräfta att du vill följa ärendet</h1>
      <p>Du får e-post när ärendet går vidare, tills du väljer att sluta.</p>
      ${action('bekrafta', 'Ja, jag vill följa ärendet')} ${caseLink}`,
    confirmed: html`<h1>Nu följer du ärendet</h1>
      <p>Du får e-post när ärendet går vidare. Varje e-brev har en länk för att sluta följa.</p>
      <p><a href="${base(municipality)}/folj/${token ?? ''}/avsluta">Sluta följa ärendet</a></p>
      ${caseLink}`,
    unsubscribe: html`<h1>Sluta följa ärendet?</h1>
      <p>Du får då ingen mer e-post om ärendet, och vi glömmer din adress.</p>
      ${action('avsluta', 'Ja, sluta följa')} ${caseLink}`,
    unsubscribed: html`<h1>Du följer inte längre ärendet</h1>
      <p>Vi har tagit bort din e-postadress.</p>
      ${caseLink}`,
  };
  const titles = {
    requested: 'Kolla din e-post',
    confirm: 'Bekräfta',
    confirmed: 'Du följer ärendet',
    unsubscribe: 'Sluta följa',
    unsubscribed: 'Du följer inte längre ärendet',
  };
  return { title: titles[state], section: 'diarium', body: pages[state] };
}

/** The portal's page for an address that shows nothing (a 404). */
export function notFoundPage(municipality: Municipality): string {
  return portalPage({
    title: 'Sidan finns inte',
    section: null,
    municipality,
    body: html`<h1>Sidan finns inte</h1>
      <p>
        Det finns ingen sida på den här adressen. Den kan ha flyttats, eller så är adressen
        felstavad.
      </p>
      <p><a href="${base(municipality)}">Till startsidan</a></p>`,
  });
}

/**
 * The anslagstavla (KL 8 kap. 9–12 §§): each adjusted protocol from the day its notice is posted
 * until it is taken down, with the last day to appeal (laglighetsprövning, three weeks).
 */
export function anslagPage(municipality: Municipality, notices: PublicNotice[]): Page {
  return {
    title: 'Anslagstavla',
    section: 'anslag',
    body: html`<h1>Anslagstavla – ${municipality.name}</h1>
      <p>
        Här anslås att protokollen från kommunens nämnder och fullmäktige är justerade. Den som vill
        överklaga ett beslut genom laglighetsprövning ska göra det inom tre veckor från den dag
        anslaget sattes upp.
      </p>
      ${
        notices.length === 0
          ? html`<p>Inga protokoll är anslagna just nu.</p>`
          : notices.map(
              (notice) =>
                html`<article class="card">
                  <h2>${notice.organ}, sammanträde ${formatSwedishLongDate(notice.meetingDate)}</h2>
                  <p>
                    Bevis om anslag: protokollet (${notice.paragraphs}) är justerat den
                    ${notice.adjustedOn}.
                  </p>
                  ${
                    notice.delegationDecisions > 0
                      ? html`<p>
                          ${new Markup(
                            `I protokollet anmäls ${notice.delegationDecisions} ${notice.delegationDecisions === 1 ? 'beslut fattat' : 'beslut fattade'} på delegation. Tiden för att överklaga dem räknas från samma dag som för protokollets egna beslut.`,
                          )}
                        </p>`
                      : ''
                  }
                  <dl class="facts">
                    ${new Markup(
                      [
                        ['Anslaget sätts upp', notice.postedOn],
                        ['Sista dag att överklaga', notice.appealEndsOn],
                        ['Anslaget tas ned', notice.removedOn],
                      ]
                        .map(
                          ([term, value]) =>
                            `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`,
                        )
                        .join(''),
                    )}
                  </dl>
                  ${
                    notice.meetingId !== null
                      ? html`<p>
                          <a href="${base(municipality)}/moten/${notice.meetingId}"
                            >Sammanträdet och protokollet</a
                          >
                        </p>`
                      : ''
                  }
                </article>`,
            )
      }`,
  };
}
