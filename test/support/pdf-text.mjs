// Prints the text of the PDF on stdin, page by page. Run by tests through `pdfText()` in a child
// process, because PDF.js loads as an ES module, which Jest's CommonJS runtime cannot import.
import { extractText, getDocumentProxy } from 'unpdf';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocumentProxy(new Uint8Array(Buffer.concat(chunks)));
const { text } = await extractText(pdf, { mergePages: false });
process.stdout.write(JSON.stringify(text));
