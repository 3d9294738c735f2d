import { boardDocument } from './board-document';
import { DocumentModel, DocumentSection, DocumentTable } from './document-model';
import { swedishNumber } from './swedish-number';

/** What a figure in the report is: a number or missing. */
type Value = number | null;

export interface FollowupReportLayoutContent {
  municipality: string;
  board: string;
  dnr: string | null;
  kind: 'arsuppfoljning' | 'delar' | 'manadsrapport';
  year: number;
  period: string;
  sections: Array<{ title: string; text: string }>;
  goals: Array<{
    key?: string;
    area?: string | null;
    title: string;
    assessment: string | null;
    trend: 'up' | 'flat' | 'down' | null;
    comment: string;
  }>;
  assignments: Array<{
    title: string;
    status: 'done' | 'ongoing';
    comment: string;
    givenBy?: string;
  }>;
  /** Each goal's indicators (by the goal's key) with their outcomes per year and the target. */
  indicators: Map<
    string,
    Array<{
      name: string;
      unit: string;
      outcomes: Array<{ year: number; value: number }>;
      outcome: Value;
      targetText: string;
      target: { kind: string; value?: number } | null;
      met: boolean | null;
    }>
  >;
  tables: Array<{
    kind: 'drift' | 'investering' | 'personal';
    unit: string;
    rows: Array<{
      code: string;
      name: string;
      level: number;
      values: { budget: Value; revised: Value; outcome: Value; forecast: Value };
      deviation: Value;
      forecastDeviation: Value;
    }>;
    total: {
      budget: Value;
      revised: Value;
      outcome: Value;
      forecast: Value;
      deviation: Value;
      forecastDeviation: Value;
    };
  }>;
}

const TITLES = {
  arsuppfoljning: 'Årsuppföljning',
  delar: 'Delårsrapport',
  manadsrapport: 'Månadsrapport',
};
const TRENDS = { up: 'Uppåt', flat: 'Oförändrad', down: 'Nedåt' };
/** How many years of an indicator's outcomes the report shows (the seeds show three). */
const YEARS_SHOWN = 3;

const mkr = (tkr: Value) => (tkr === null ? null : tkr / 1000);

/**
 * The årsuppföljning (or delårsrapport) in the structure of Luleå's report: the narrative
 * sections, the summary of goals with their assessment and trend, each goal with its indicators'
 * outcomes against the year's target (a table and a chart each), KF's assignments with their
 * status, the personnel figures, and the drift and investment tables with the totals and the
 * deviation per verksamhet (a chart). Amounts are kept in tkr and shown in mkr, as the report.
 */
export function followupReportDocument(content: FollowupReportLayoutContent): DocumentModel {
  const title = `${TITLES[content.kind]} ${content.year}`;
  const forecast = content.kind !== 'arsuppfoljning';
  const text = (name: string) => content.sections.find((s) => s.title === name)?.text ?? '';
  const paragraphs = (name: string) =>
    text(name)
      .split(/\n{2,}/)
      .filter((p) => p.trim() !== '');
  const sections: DocumentSection[] = [
    { heading: '1 Inledning', paragraphs: paragraphs('Inledning') },
    { heading: '2 Verksamhetsberättelse', paragraphs: paragraphs('Verksamhetsberättelse') },
    {
      heading: '3 Måluppföljning',
      paragraphs: [
        'Bedömningen görs i fyra steg: Ej uppfyllt, Delvis uppfyllt, I hög grad uppfyllt, Helt uppfyllt.',
      ],
    },
    {
      heading: '3.1 Sammanställning måluppfyllelse',
      tables: [
        {
          columns: ['Nämndsmål', 'Bedömning', 'Trend'],
          widths: [4, 1.6, 1],
          align: ['left', 'left', 'left'],
          rows: content.goals.map((goal) => [
            goal.title,
            goal.assessment ?? 'Ej bedömt',
            goal.trend ? TRENDS[goal.trend] : '–',
          ]),
        },
      ],
    },
  ];
  for (const goal of content.goals) {
    const indicators = (goal.key && content.indicators.get(goal.key)) || [];
    const years = Array.from({ length: YEARS_SHOWN }, (_, i) => content.year - YEARS_SHOWN + 1 + i);
    sections.push({
      heading: goal.title,
      paragraphs: [
        ...(goal.area ? [`Prioriterat område: ${goal.area}`] : []),
        `Bedömning: ${goal.assessment ?? 'Ej bedömt'}. Trend: ${goal.trend ? TRENDS[goal.trend] : '–'}.`,
        ...goal.comment.split(/\n{2,}/).filter((p) => p.trim() !== ''),
      ],
      tables: indicators.length
        ? [
            {
              caption: 'Mätetal',
              columns: [
                'Mätetal',
                ...years.map((y) => `Utfall ${y}`),
                `Mål ${content.year}`,
                'Uppfyllt',
              ],
              widths: [4, 1, 1, 1, 1.2, 1],
              rows: indicators.map((indicator) => [
                withUnit(indicator.name, indicator.unit),
                ...years.map((y) =>
                  swedishNumber(indicator.outcomes.find((o) => o.year === y)?.value ?? null),
                ),
                indicator.targetText,
                indicator.met === null ? 'Saknas' : indicator.met ? 'Ja' : 'Nej',
              ]),
            },
          ]
        : undefined,
      charts: indicators.map((indicator) => ({
        title: `${indicator.name}: utfall ${years[0]}–${content.year}${indicator.target?.value !== undefined ? ' mot målet' : ''}`,
        labels: years.map(String),
        values: years.map((y) => indicator.outcomes.find((o) => o.year === y)?.value ?? null),
        target: indicator.target?.value ?? null,
        format: (value) => swedishNumber(value),
      })),
    });
  }
  sections.push({
    heading: '3.2 Kommunfullmäktiges beslutade utredningsuppdrag som nämnden är ansvarig för',
    tables: [
      {
        columns: ['Uppdrag', 'Status', 'Kommentar'],
        widths: [3, 1, 3],
        align: ['left', 'left', 'left'],
        rows: content.assignments.map((a) => [
          a.title,
          a.status === 'done' ? 'Klart' : 'Pågår',
          a.comment,
        ]),
      },
    ],
  });
  const personal = content.tables.find((t) => t.kind === 'personal');
  sections.push({
    heading: '4 Personalredovisning',
    paragraphs: paragraphs('Personalredovisning'),
    tables: personal
      ? [
          {
            columns: ['Nyckeltal', String(content.year)],
            widths: [4, 1],
            rows: personal.rows.map((row) => [indent(row), swedishNumber(row.values.outcome)]),
          },
        ]
      : undefined,
  });
  sections.push({
    heading: '5 Ekonomisk redovisning',
    paragraphs: paragraphs('Ekonomisk redovisning'),
  });
  const drift = content.tables.find((t) => t.kind === 'drift');
  if (drift) {
    sections.push({
      heading: '5.1 Driftsredovisning',
      paragraphs: paragraphs('Driftsredovisning'),
      tables: [amountTable(drift, 'Driftredovisning, mkr', content.year, content.period, forecast)],
      charts: [
        {
          title: `${forecast ? 'Prognosavvikelse' : 'Årsavvikelse'} ${content.year} per verksamhet, mkr`,
          labels: drift.rows.filter((row) => row.level === 0).map((row) => row.code),
          values: drift.rows
            .filter((row) => row.level === 0)
            .map((row) => mkr(forecast ? row.forecastDeviation : row.deviation)),
          format: (value) => swedishNumber(value, 1),
        },
      ],
    });
  }
  const investments = content.tables.find((t) => t.kind === 'investering');
  if (investments) {
    sections.push({
      heading: '5.2 Investeringsredovisning',
      paragraphs: paragraphs('Investeringsredovisning'),
      tables: [
        amountTable(
          investments,
          'Investeringsredovisning, mkr',
          content.year,
          content.period,
          forecast,
        ),
      ],
    });
  }
  return boardDocument(content, title, sections);
}

/** An indicator's name with its unit, unless the name already says it ("andel (%)", "NKI"). */
function withUnit(name: string, unit: string): string {
  return unit && !name.includes(unit) ? `${name} (${unit})` : name;
}

function indent(row: { code: string; name: string; level: number }): string {
  return `${'   '.repeat(row.level)}${row.name}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** The months a period's outcome covers: T2 is "jan–aug", M03 "jan–mar". */
function periodMonths(period: string): string {
  const last = /^T([1-3])$/.test(period)
    ? Number(period.slice(1)) * 4
    : /^M(0[1-9]|1[0-2])$/.test(period)
      ? Number(period.slice(1))
      : 12;
  return last === 1 ? 'jan' : `jan–${MONTHS[last - 1]}`;
}

/**
 * Per row in mkr: the year's outcome, budget and deviation; or in a delårsrapport (or monthly
 * report) the period's outcome, the year's budget, the forecast for the year and its deviation.
 */
function amountTable(
  table: FollowupReportLayoutContent['tables'][number],
  caption: string,
  year: number,
  period: string,
  forecast: boolean,
): DocumentTable {
  const line = (
    values: { budget: Value; revised: Value; outcome: Value; forecast: Value },
    deviation: Value,
    forecastDeviation: Value,
  ) =>
    forecast
      ? [
          swedishNumber(mkr(values.outcome), 1),
          swedishNumber(mkr(values.revised ?? values.budget), 1),
          swedishNumber(mkr(values.forecast), 1),
          swedishNumber(mkr(forecastDeviation), 1),
        ]
      : [
          swedishNumber(mkr(values.outcome), 1),
          swedishNumber(mkr(values.revised ?? values.budget), 1),
          swedishNumber(mkr(deviation), 1),
        ];
  return {
    caption,
    columns: forecast
      ? [
          'Verksamhet',
          `Utfall ${periodMonths(period)} ${year}`,
          `Budget ${year}`,
          `Prognos ${year}`,
          'Prognosavvikelse',
        ]
      : ['Verksamhet', `Utfall ${year}`, `Budget ${year}`, `Årsavvikelse ${year}`],
    widths: forecast ? [3.4, 1.2, 1, 1, 1.2] : [3.4, 1, 1, 1.2],
    rows: table.rows.map((row) => [
      `${'   '.repeat(row.level)}${/^\d/.test(row.code) ? `${row.code} ` : ''}${row.name}`,
      ...line(row.values, row.deviation, row.forecastDeviation),
    ]),
    total: ['Summa', ...line(table.total, table.total.deviation, table.total.forecastDeviation)],
  };
}
