import { pdfText } from '../../../test/support/pdf-text';
import { extractDocument } from './extract-layout';
import { renderPdf } from './pdf-renderer';

const STANDARD_FONTS = /\/BaseFont \/(Helvetica|Times|Courier|Symbol|ZapfDingbats)/;

describe('renderPdf: PDF/A-2b', () => {
  const model = extractDocument({
    municipality: 'Kalix kommun',
    organ: 'Kommunstyrelsen',
    meetingDateText: 'måndagen den 27 november 2023',
    number: 12,
    heading: 'Åtgärder för hamnen i Kalix',
    dnr: '2023-00466',
    decisionText: 'Kommunstyrelsen beslutar att godkänna förslaget om ökad säkerhet.',
    proceedings: [],
    immediate: false,
    adjustedOn: '2023-12-01',
  });

  it('declares PDF/A-2b in its metadata, with the output intent, and embeds every font it uses', async () => {
    const pdf = await renderPdf(model, new Date('2023-12-01T10:00:00Z'));
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.7')).toBe(true);
    expect(text).toMatch(
      /<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>B<\/pdfaid:conformance>/,
    );
    expect(text).toMatch(/\/Type \/OutputIntent[\s\S]*?\/S \/GTS_PDFA1[\s\S]*?\/DestOutputProfile/);
    const fonts = [...text.matchAll(/\/BaseFont \/([A-Z]{6}\+[A-Za-z-]+)/g)].map((m) => m[1]);
    expect(new Set(fonts.map((name) => name.slice(7)))).toEqual(
      new Set(['LiberationSans', 'LiberationSans-Bold']),
    );
    // One embedded font program (FontFile2) per font descriptor; no standard font left unembedded.
    expect(text.match(/\/Type \/FontDescriptor/g)!.length).toBe(
      text.match(/\/FontFile2 \d+ 0 R/g)!.length,
    );
    expect(text).not.toMatch(STANDARD_FONTS);
  });

  it('reads back in Swedish and gives the same bytes for the same input', async () => {
    const created = new Date('2023-12-01T10:00:00Z');
    const pdf = await renderPdf(model, created);
    expect(pdfText(pdf)).toContain('§ 12 Åtgärder för hamnen i Kalix');
    expect(pdfText(pdf)).toContain('godkänna förslaget om ökad säkerhet');
    expect((await renderPdf(model, created)).equals(pdf)).toBe(true);
  });
});
