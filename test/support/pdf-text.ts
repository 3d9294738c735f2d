import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The text of each page of a PDF, extracted with PDF.js (unpdf) in a child process. */
export function pdfPages(pdf: Buffer): string[] {
  const output = execFileSync(process.execPath, [join(__dirname, 'pdf-text.mjs')], {
    input: pdf,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output.toString()) as string[];
}

/** All the text of a PDF with whitespace collapsed, for `toContain` checks. */
export function pdfText(pdf: Buffer): string {
  return pdfPages(pdf).join('\n').replace(/\s+/g, ' ');
}
