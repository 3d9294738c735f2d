import { unzipSync, strFromU8 } from 'fflate';
import { pdfPages, pdfText } from '../../../test/support/pdf-text';
import { renderDocx } from './docx-renderer';
import { renderPdf } from './pdf-renderer';
import { tjansteskrivelseDocument } from './tjansteskrivelse-layout';

const content = {
  municipality: 'Kalix kommun',
  unit: 'Ekonomienheten',
  dnr: '2023-00495',
  documentDate: '2023-11-14',
  versionNo: 1,
  title: 'Implementera nytt arbetssätt med E-handel i kommunens verksamheter',
  addressedTo: 'Kommunstyrelsen',
  authorName: 'Jeanette Larsson',
  authorTitle: 'Ekonomichef',
  summary: 'Kommunen föreslås införa e-handel för samtliga inköp.',
  description: 'Första stycket.\n\nAndra stycket om åtgärder för förbättrat näringslivsklimat.',
  proposal:
    'Kommunstyrelsen beslutar att implementera ett nytt arbetssätt där samtliga inköp i kommunen utförs genom e-handelssystem.',
  basis: ['Tjänsteskrivelse från ekonomichef Jeanette Larsson den 14 november 2023.'],
  genderAnalysis: null,
  followUpClause: 'Nästa uppföljning sker februari 2025.',
};

describe('tjänsteskrivelse documents', () => {
  it('renders a PDF whose text has the letterhead, the proposal and “I tjänsten” with name and title', async () => {
    const pdf = await renderPdf(
      tjansteskrivelseDocument(content),
      new Date('2023-11-14T10:00:00Z'),
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const flat = pdfText(pdf);
    for (const expected of [
      'Kalix kommun',
      'TJÄNSTESKRIVELSE',
      'Dnr: 2023-00495',
      'Datum: 2023-11-14',
      'Förslag till beslut',
      'Kommunstyrelsen beslutar att implementera ett nytt arbetssätt',
      'Andra stycket om åtgärder för förbättrat näringslivsklimat.',
      'Uppföljning Nästa uppföljning sker februari 2025.',
      'I tjänsten',
      'Jeanette Larsson Ekonomichef',
      'Sida 1 av 1',
    ]) {
      expect(flat).toContain(expected);
    }
    expect(flat).not.toContain('Jämställdhetsanalys');
    // One page, its footer on it (not on an empty page of its own).
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Sida 1 av 1');
  });

  it('renders the same as an editable DOCX', async () => {
    const docx = await renderDocx(tjansteskrivelseDocument(content));
    const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']);
    const text = xml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('TJÄNSTESKRIVELSE');
    expect(text).toContain('Kommunstyrelsen beslutar att implementera');
    expect(text).toContain('I tjänsten Jeanette Larsson Ekonomichef');
  });
});
