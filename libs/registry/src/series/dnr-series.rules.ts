import { ValidationProblem } from '@nf/common';
import { DnrFormat, DnrFormatError } from '../dnr/dnr-format';

export interface SeriesFields {
  code: string;
  name: string;
  format: string;
  isDefault?: boolean;
}

export function checkedFormat(format: string): void {
  try {
    new DnrFormat(format);
  } catch (error) {
    if (error instanceof DnrFormatError)
      throw new ValidationProblem([{ field: 'format', message: error.message }]);
    throw error;
  }
}
