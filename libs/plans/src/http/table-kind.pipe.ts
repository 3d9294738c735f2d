import { Injectable, PipeTransform } from '@nestjs/common';
import { NotFoundProblem } from '@nf/common';
import { TABLE_KINDS, type TableKind } from '../plan.entities';

/** A table of the path that is not one of the economic tables is not there: 404. */
@Injectable()
export class ParseTableKindPipe implements PipeTransform<string, TableKind> {
  transform(value: string): TableKind {
    if (!(TABLE_KINDS as readonly string[]).includes(value))
      throw new NotFoundProblem('table', value);
    return value as TableKind;
  }
}
