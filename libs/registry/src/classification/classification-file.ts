import { FieldError, ValidationProblem } from '@nf/common';

export interface ClassificationEntry {
  code: string;
  title: string;
  parentCode?: string | null;
}

export const CODE = /^[0-9A-Za-zÅÄÖåäö][0-9A-Za-zÅÄÖåäö.-]{0,31}$/;

/**
 * Reads a classification structure from CSV: `code;title[;parent]` per line (`,` or tab also
 * accepted as separator), an optional header line `kod;rubrik`, blank lines and `#` comments ignored.
 */
export function parseClassificationCsv(text: string): ClassificationEntry[] {
  const entries: ClassificationEntry[] = [];
  const errors: FieldError[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const separator = line.includes(';') ? ';' : line.includes('\t') ? '\t' : ',';
    const [code, title, parentCode] = line
      .split(separator)
      .map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
    if (index === 0 && /^(kod|code)$/i.test(code)) return;
    if (!code || !title) {
      errors.push({ field: `line ${index + 1}`, message: 'needs a code and a title' });
      return;
    }
    entries.push({ code, title, parentCode: parentCode || null });
  });
  if (errors.length)
    throw new ValidationProblem(errors, 'The classification file has lines that cannot be read.');
  return entries;
}
