/** The file types the registry accepts, with the leading bytes each must start with. */
const ZIP = [0x50, 0x4b, 0x03, 0x04];
export const ACCEPTED_CONTENT_TYPES: Record<string, number[][] | 'text'> = {
  'application/pdf': [[0x25, 0x50, 0x44, 0x46]], // %PDF
  'image/png': [[0x89, 0x50, 0x4e, 0x47]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/tiff': [
    [0x49, 0x49, 0x2a, 0x00],
    [0x4d, 0x4d, 0x00, 0x2a],
  ],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [ZIP],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [ZIP],
  'application/vnd.oasis.opendocument.text': [ZIP],
  'text/plain': 'text',
};

/** The declared type, without parameters, when the registry accepts it. */
export function acceptedType(declared: string | undefined): string | undefined {
  const type = declared?.split(';')[0].trim().toLowerCase();
  return type && type in ACCEPTED_CONTENT_TYPES ? type : undefined;
}

/** Whether the bytes are what the declared type says (a renamed .exe is not a PDF). */
export function contentMatches(type: string, data: Buffer): boolean {
  const signatures = ACCEPTED_CONTENT_TYPES[type];
  if (signatures === undefined) return false;
  if (signatures === 'text') return !data.subarray(0, 8192).includes(0);
  return signatures.some((signature) => signature.every((byte, index) => data[index] === byte));
}
