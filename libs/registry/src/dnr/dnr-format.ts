/**
 * Diary-number formats are configuration: `{year}` is the four-digit local year of registration,
 * `{serial}` the serial within the year, `{serial:N}` the serial zero-padded to N digits; anything
 * else is literal. Kalix: `{year}-{serial:5}` → "2023-00466"; others `KS {year}/{serial}` → "KS 2024/123"
 * or `KS-{year}-{serial:5}` → "KS-2024-00123".
 */
export interface DnrParts {
  year: number;
  serial: number;
}

type Token =
  { kind: 'literal'; text: string } | { kind: 'year' } | { kind: 'serial'; width: number };

const TOKEN = /\{(year|serial)(?::(\d))?\}/g;

export class DnrFormatError extends Error {}

export class DnrFormat {
  private readonly tokens: Token[];
  private readonly pattern: RegExp;

  constructor(readonly format: string) {
    this.tokens = DnrFormat.tokenize(format);
    const years = this.tokens.filter((t) => t.kind === 'year').length;
    const serials = this.tokens.filter((t) => t.kind === 'serial').length;
    if (years !== 1 || serials !== 1) {
      throw new DnrFormatError(
        `A dnr format needs exactly one {year} and one {serial}: ${JSON.stringify(format)}`,
      );
    }
    const source = this.tokens
      .map((token) => {
        if (token.kind === 'literal') return token.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        if (token.kind === 'year') return '(?<year>\\d{4})';
        return token.width > 0 ? `(?<serial>\\d{${token.width},})` : '(?<serial>\\d+)';
      })
      .join('');
    this.pattern = new RegExp(`^${source}$`, 'i');
  }

  private static tokenize(format: string): Token[] {
    const tokens: Token[] = [];
    let last = 0;
    for (const match of format.matchAll(TOKEN)) {
      if (match.index! > last)
        tokens.push({ kind: 'literal', text: format.slice(last, match.index) });
      tokens.push(
        match[1] === 'year' ? { kind: 'year' } : { kind: 'serial', width: Number(match[2] ?? 0) },
      );
      last = match.index! + match[0].length;
    }
    if (last < format.length) tokens.push({ kind: 'literal', text: format.slice(last) });
    return tokens;
  }

  print(parts: DnrParts): string {
    if (!Number.isInteger(parts.serial) || parts.serial < 1)
      throw new DnrFormatError(`Bad serial ${parts.serial}`);
    if (!Number.isInteger(parts.year) || parts.year < 1000 || parts.year > 9999) {
      throw new DnrFormatError(`Bad year ${parts.year}`);
    }
    return this.tokens
      .map((token) => {
        if (token.kind === 'literal') return token.text;
        if (token.kind === 'year') return String(parts.year);
        return String(parts.serial).padStart(token.width, '0');
      })
      .join('');
  }

  /** Reads a printed number in this format, or undefined when it is not one. */
  parse(printed: string): DnrParts | undefined {
    const match = this.pattern.exec(printed.trim().replace(/\s+/g, ' '));
    if (!match?.groups) return undefined;
    const serial = Number(match.groups.serial);
    if (!Number.isSafeInteger(serial) || serial < 1) return undefined;
    return { year: Number(match.groups.year), serial };
  }
}

/** "2023-00466 04": the number followed by the classification code, where the municipality shows it. */
export function withClassification(dnr: string, code: string | null, appended: boolean): string {
  return appended && code ? `${dnr} ${code}` : dnr;
}
