import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  BorderStyle,
} from 'docx';
import { alignOf, DocumentModel, DocumentTable } from './document-model';

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};

/** The same document as an editable Word file (the secretary adjusts it before it is sent). */
export function renderDocx(model: DocumentModel): Promise<Buffer> {
  const cell = (children: Paragraph[]) =>
    new TableCell({
      children,
      width: { size: 50, type: WidthType.PERCENTAGE },
      borders: NO_BORDERS,
    });
  const letterhead = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell([
            new Paragraph({
              children: [
                new TextRun({ text: model.letterhead.municipality, bold: true, size: 26 }),
              ],
            }),
            ...(model.letterhead.unit
              ? [
                  new Paragraph({
                    children: [new TextRun({ text: model.letterhead.unit, size: 18 })],
                  }),
                ]
              : []),
          ]),
          cell([
            new Paragraph({
              children: [new TextRun({ text: model.letterhead.kind, bold: true, size: 22 })],
            }),
            ...model.letterhead.lines.map(
              (line) => new Paragraph({ children: [new TextRun({ text: line, size: 18 })] }),
            ),
          ]),
        ],
      }),
    ],
  });
  const body: Array<Paragraph | Table> = [
    letterhead,
    new Paragraph({ text: '' }),
    new Paragraph({ text: model.heading, heading: HeadingLevel.HEADING_1 }),
  ];
  for (const section of model.sections) {
    if (section.heading)
      body.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_2 }));
    for (const paragraph of section.paragraphs ?? []) {
      body.push(new Paragraph({ children: [new TextRun(paragraph)], spacing: { after: 120 } }));
    }
    for (const item of section.items ?? []) {
      body.push(new Paragraph({ text: item, bullet: { level: 0 } }));
    }
    for (const table of section.tables ?? []) body.push(...docxTable(table));
  }
  if (model.closing?.length) {
    body.push(new Paragraph({ text: '' }));
    for (const line of model.closing) body.push(new Paragraph({ text: line }));
  }
  const document = new Document({
    title: model.title,
    creator: 'Nämndflöde',
    lastModifiedBy: 'Nämndflöde',
    styles: { default: { document: { run: { font: 'Arial', size: 21 } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ text: model.footer ? `${model.footer}    ` : '', size: 16 }),
                  new TextRun({
                    children: ['Sida ', PageNumber.CURRENT, ' av ', PageNumber.TOTAL_PAGES],
                    size: 16,
                  }),
                ],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** A table with a header row and, if any, a total row in bold; numbers are right-aligned. */
function docxTable(table: DocumentTable): Array<Paragraph | Table> {
  const line = (cells: string[], bold: boolean) =>
    new TableRow({
      tableHeader: bold && cells === table.columns,
      children: cells.map(
        (text, i) =>
          new TableCell({
            children: [
              new Paragraph({
                alignment: alignOf(table, i) === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
                children: [new TextRun({ text, bold, size: 18 })],
              }),
            ],
          }),
      ),
    });
  return [
    ...(table.caption
      ? [new Paragraph({ children: [new TextRun({ text: table.caption, bold: true })] })]
      : []),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        line(table.columns, true),
        ...table.rows.map((row) => line(row, false)),
        ...(table.total ? [line(table.total, true)] : []),
      ],
    }),
    new Paragraph({ text: '' }),
  ];
}
