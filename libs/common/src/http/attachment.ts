import { StreamableFile } from '@nestjs/common';

/**
 * Bytes as an HTTP download: the type, and the name (RFC 6266's `filename*`, so that "avtal
 * åäö.pdf" arrives as written) in an attachment disposition, with the length.
 */
export function attachment(
  data: Buffer,
  file: { filename: string; contentType: string },
): StreamableFile {
  return new StreamableFile(data, {
    type: file.contentType,
    disposition: `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    length: data.length,
  });
}
