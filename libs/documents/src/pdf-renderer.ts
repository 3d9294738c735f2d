import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { alignOf, DocumentChart, DocumentModel, DocumentTable } from './document-model';

const MARGIN = 62;

/** The embedded fonts' names in the documents. */
const REGULAR = 'LiberationSans';
const BOLD = 'LiberationSans-Bold';

/** Where the vendored fonts are, from the sources or from the built copy in dist/. */
function fontsFolder(): string {
  let folder = __dirname;
  for (let depth = 0; depth < 8; depth += 1) {
    const candidate = join(folder, 'libs', 'documents', 'fonts');
    if (existsSync(join(candidate, 'LiberationSans-Regular.ttf'))) return candidate;
    folder = dirname(folder);
  }
  throw new Error('The fonts (libs/documents/fonts/LiberationSans-*.ttf) are missing');
}

/**
 * Lays a document out on A4 pages as PDF/A-2b (an archival PDF: its fonts embedded, with the
 * metadata and the colour profile the standard asks for), in Liberation Sans, which has Helvetica's
 * metrics. `created` fixes the metadata dates, so that the same input gives the same bytes.
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
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    // Fonts are registered below; no standard (unembedded) font is ever used.
    font: join(fontsFolder(), 'LiberationSans-Regular.ttf'),
  });
  pdf.registerFont(REGULAR, join(fontsFolder(), 'LiberationSans-Regular.ttf'));
  pdf.registerFont(BOLD, join(fontsFolder(), 'LiberationSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - 2 * MARGIN;

  const top = pdf.y;
  pdf
    .font(BOLD)
    .fontSize(13)
    .text(model.letterhead.municipality, MARGIN, top, { width: width / 2 });
  if (model.letterhead.unit)
    pdf
      .font(REGULAR)
      .fontSize(9)
      .text(model.letterhead.unit, { width: width / 2 });
  const left = pdf.y;
  pdf
    .font(BOLD)
    .fontSize(11)
    .text(model.letterhead.kind, MARGIN + width / 2, top, { width: width / 2 });
  pdf.font(REGULAR).fontSize(9);
  for (const line of model.letterhead.lines) pdf.text(line, { width: width / 2 });
  pdf.x = MARGIN;
  pdf.y = Math.max(left, pdf.y) + 28;

  pdf.font(BOLD).fontSize(15).text(model.heading, { width });
  pdf.moveDown(0.8);
  for (const section of model.sections) {
    if (section.heading) {
      // A heading is not left alone at the foot of a page: it goes over with its first lines.
      pdf.font(BOLD).fontSize(11.5);
      ensureRoom(
        pdf,
        pdf.heightOfString(section.heading, { width }) + 3 * pdf.currentLineHeight(true),
      );
      pdf.text(section.heading, MARGIN, pdf.y, { width });
      pdf.moveDown(0.3);
    }
    pdf.font(REGULAR).fontSize(10.5);
    for (const paragraph of section.paragraphs ?? []) {
      pdf.text(paragraph, { width, align: 'left' });
      pdf.moveDown(0.5);
    }
    if (section.items?.length) {
      pdf.list(section.items, { width: width - 14, bulletRadius: 2, textIndent: 12 });
      pdf.moveDown(0.5);
    }
    for (const table of section.tables ?? []) drawTable(pdf, table, width);
    for (const chart of section.charts ?? []) drawChart(pdf, chart, width);
    pdf.moveDown(0.4);
  }
  if (model.closing?.length) {
    pdf.moveDown(1);
    pdf.font(REGULAR).fontSize(10.5);
    for (const line of model.closing) pdf.text(line, { width });
  }

  const range = pdf.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    pdf.switchToPage(index);
    const footer = `${model.footer ? `${model.footer}    ` : ''}Sida ${index + 1} av ${range.count}`;
    // The footer stands below the bottom margin: with the margin in force pdfkit would take it
    // for an overflow and put it on a new, otherwise empty page.
    const { bottom } = pdf.page.margins;
    pdf.page.margins.bottom = 0;
    pdf
      .font(REGULAR)
      .fontSize(8)
      .text(footer, MARGIN, pdf.page.height - MARGIN, {
        width,
        align: 'right',
        lineBreak: false,
      });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}

type Pdf = InstanceType<typeof PDFDocument>;

/** Moves to a new page when fewer than `needed` points are left above the bottom margin. */
function ensureRoom(pdf: Pdf, needed: number): void {
  if (pdf.y + needed > pdf.page.height - pdf.page.margins.bottom) {
    pdf.addPage();
  }
}

/**
 * A table: a header row in bold on a light rule, the rows, and a total in bold; text in the first
 * column wraps, the figures are right-aligned. A table longer than the page goes on with its
 * header repeated.
 */
function drawTable(pdf: Pdf, table: DocumentTable, width: number): void {
  const fontSize = 8.5;
  const padding = 3;
  const weights = table.widths ?? table.columns.map((_, i) => (i === 0 ? 3 : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((weight) => (weight / sum) * width);
  const rowHeight = (cells: string[], font: string) => {
    pdf.font(font).fontSize(fontSize);
    return (
      Math.max(
        ...cells.map((text, i) =>
          pdf.heightOfString(text || ' ', { width: widths[i] - 2 * padding }),
        ),
      ) +
      2 * padding
    );
  };
  const drawRow = (cells: string[], font: string, shade: boolean) => {
    const height = rowHeight(cells, font);
    ensureRoom(pdf, height);
    const top = pdf.y;
    if (shade) pdf.save().rect(MARGIN, top, width, height).fill('#e8eef4').restore();
    let x = MARGIN;
    pdf.font(font).fontSize(fontSize).fillColor('black');
    cells.forEach((text, i) => {
      pdf.text(text, x + padding, top + padding, {
        width: widths[i] - 2 * padding,
        align: alignOf(table, i),
      });
      x += widths[i];
    });
    pdf
      .save()
      .moveTo(MARGIN, top + height)
      .lineTo(MARGIN + width, top + height)
      .lineWidth(0.4)
      .stroke('#9aa5b1')
      .restore();
    pdf.x = MARGIN;
    pdf.y = top + height;
    return height;
  };
  ensureRoom(pdf, 60);
  if (table.caption) {
    pdf.font(BOLD).fontSize(10).text(table.caption, MARGIN, pdf.y, { width });
    pdf.moveDown(0.2);
  }
  drawRow(table.columns, BOLD, true);
  for (const row of table.rows) {
    if (pdf.y + rowHeight(row, REGULAR) > pdf.page.height - pdf.page.margins.bottom) {
      pdf.addPage();
      drawRow(table.columns, BOLD, true);
    }
    drawRow(row, REGULAR, false);
  }
  if (table.total) drawRow(table.total, BOLD, false);
  pdf.x = MARGIN;
  pdf.moveDown(0.8);
}

/**
 * A bar chart as vector graphics: one bar per label (a missing value leaves its place empty and
 * says "saknas"), negative values below the axis, and the target as a dashed line.
 */
function drawChart(pdf: Pdf, chart: DocumentChart, width: number): void {
  const height = 110;
  ensureRoom(pdf, height + 40);
  pdf.font(BOLD).fontSize(9).fillColor('black').text(chart.title, MARGIN, pdf.y, { width });
  // Room above the axis for the tallest bar's value, under the title.
  const top = pdf.y + 14;
  const present = chart.values.filter((value): value is number => value !== null);
  const extent = [...present, ...(chart.target != null ? [chart.target] : []), 0];
  const max = Math.max(...extent);
  const min = Math.min(...extent);
  const span = max - min || 1;
  const y = (value: number) => top + ((max - value) / span) * height;
  const slot = width / Math.max(chart.labels.length, 1);
  const barWidth = Math.min(slot * 0.6, 60);
  pdf
    .save()
    .moveTo(MARGIN, y(0))
    .lineTo(MARGIN + width, y(0))
    .lineWidth(0.6)
    .stroke('#4b5563')
    .restore();
  chart.labels.forEach((label, i) => {
    const x = MARGIN + i * slot + (slot - barWidth) / 2;
    const value = chart.values[i];
    pdf.font(REGULAR).fontSize(7).fillColor('black');
    if (value === null) {
      pdf.text('saknas', x - 10, y(0) - 12, { width: barWidth + 20, align: 'center' });
    } else {
      const from = Math.min(y(value), y(0));
      const barHeight = Math.max(Math.abs(y(value) - y(0)), 0.5);
      pdf
        .save()
        .rect(x, from, barWidth, barHeight)
        .fill(value < 0 ? '#9b2c2c' : '#1f4e79')
        .restore();
      pdf.text(chart.format(value), x - 10, value < 0 ? from + barHeight + 1 : from - 9, {
        width: barWidth + 20,
        align: 'center',
      });
    }
    pdf.text(label, MARGIN + i * slot, top + height + 12, { width: slot, align: 'center' });
  });
  if (chart.target != null) {
    pdf
      .save()
      .moveTo(MARGIN, y(chart.target))
      .lineTo(MARGIN + width, y(chart.target))
      .dash(3, { space: 2 })
      .lineWidth(0.8)
      .stroke('#b45309')
      .undash()
      .restore();
    pdf
      .font(REGULAR)
      .fontSize(7)
      .fillColor('#b45309')
      .text(`Mål ${chart.format(chart.target)}`, MARGIN + width - 80, y(chart.target) - 9, {
        width: 80,
        align: 'right',
      });
    pdf.fillColor('black');
  }
  pdf.x = MARGIN;
  pdf.y = top + height + 30;
}
