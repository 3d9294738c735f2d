/**
 * The portal's query parameters, read leniently: an address a resident shares may carry more
 * (`?fbclid=…`, `utm_…`) and a field may be empty or mistyped. What cannot be read is left out,
 * with a word on the page, never a refusal.
 */

/** The search form's fields (Swedish names: they stand in the address a resident shares). */
export interface PortalSearch {
  q?: string;
  dnr?: string;
  organ?: number;
  fran?: string;
  till?: string;
  efter?: number;
}

type Raw = Record<string, unknown>;

const text = (raw: Raw, key: string, max: number): string | undefined => {
  const value = raw[key];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim().slice(0, max);
  return trimmed === '' ? undefined : trimmed;
};

const positive = (raw: Raw, key: string): number | undefined => {
  const value = text(raw, key, 16);
  return value && /^[1-9]\d{0,14}$/.test(value) ? Number(value) : undefined;
};

const isDate = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
};

/** The search as asked, and what in it could not be read (in Swedish, for the page). */
export function readSearch(raw: Raw): { search: PortalSearch; problems: string[] } {
  const problems: string[] = [];
  const date = (key: 'fran' | 'till', label: string) => {
    const value = text(raw, key, 20);
    if (value === undefined) return undefined;
    if (isDate(value)) return value;
    problems.push(`${label} ”${value}” är inget datum (skriv ÅÅÅÅ-MM-DD); det används inte.`);
    return undefined;
  };
  return {
    search: {
      q: text(raw, 'q', 200),
      dnr: text(raw, 'dnr', 64),
      organ: positive(raw, 'organ'),
      fran: date('fran', 'Registrerat från'),
      till: date('till', 'Registrerat till'),
      efter: positive(raw, 'efter'),
    },
    problems,
  };
}

/** The year asked for (`?ar=2023`), if it is one. */
export function readYear(raw: Raw): number | undefined {
  const value = text(raw, 'ar', 4);
  return value && /^(19|20|21)\d\d$/.test(value) ? Number(value) : undefined;
}
