import PDFDocument from 'pdfkit';
import { DocumentModel } from './document-model';

const MARGIN = 62;

/**
 * Lays a document out on A4 pages with the standard Helvetica (its WinAnsi encoding has å, ä, ö
 * and é). `created` fixes the metadata dates, so that the same input gives the same bytes.
 */
export function renderPdf(model: DocumentModel, created: Date): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: model.title,
      Producer: 'Nämndflöde',
      Creator: 'Nämndflöde',
      CreationDate: created,
      ModDate: created,
    },
    lang: 'sv-SE',
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - 2 * MARGIN;

  const top = pdf.y;
  pdf
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(model.letterhead.municipality, MARGIN, top, { width: width / 2 });
  if (model.letterhead.unit)
    pdf
      .font('Helvetica')
      .fontSize(9)
      .text(model.letterhead.unit, { width: width / 2 });
  const left = pdf.y;
  pdf
    .font('Helvetica-Bold')
    .fontSize(11)
    .text(model.letterhead.kind, MARGIN + width / 2, top, { width: width / 2 });
  pdf.font('Helvetica').fontSize(9);
  for (const line of model.letterhead.lines) pdf.text(line, { width: width / 2 });
  pdf.x = MARGIN;
  pdf.y = Math.max(left, pdf.y) + 28;

  pdf.font('Helvetica-Bold').fontSize(15).text(model.heading, { width });
  pdf.moveDown(0.8);
  for (const section of model.sections) {
    if (section.heading) {
      pdf.font('Helvetica-Bold').fontSize(11.5).text(section.heading, { width });
      pdf.moveDown(0.3);
    }
    pdf.font('Helvetica').fontSize(10.5);
    for (const paragraph of section.paragraphs ?? []) {
      pdf.text(paragraph, { width, align: 'left' });
      pdf.moveDown(0.5);
    }
    if (section.items?.length) {
      pdf.list(section.items, { width: width - 14, bulletRadius: 2, textIndent: 12 });
      pdf.moveDown(0.5);
    }
    pdf.moveDown(0.4);
  }
  if (model.closing?.length) {
    pdf.moveDown(1);
    pdf.font('Helvetica').fontSize(10.5);
    for (const line of model.closing) pdf.text(line, { width });
  }

  const range = pdf.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    pdf.switchToPage(index);
    const footer = `${model.footer ? `${model.footer}    ` : ''}Sida ${index + 1} av ${range.count}`;
    pdf
      .font('Helvetica')
      .fontSize(8)
      .text(footer, MARGIN, pdf.page.height - MARGIN, {
        width,
        align: 'right',
        lineBreak: false,
      });
  }
  pdf.end();
  return done;
}
