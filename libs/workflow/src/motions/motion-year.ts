import { addDays } from '@nf/common';
import { MotionAuthor } from './motion.entity';

/** The day a year after `date` (29 February → 28 February), as a local date. */
export function oneYearAfter(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year + 1, month - 1, day));
  if (target.getUTCMonth() !== month - 1) return addDays(`${year + 1}-03-01`, -1);
  return target.toISOString().slice(0, 10);
}

export interface RegisterMotionCommand {
  title: string;
  submittedOn: string;
  authors: MotionAuthor[];
  classificationCode?: string | null;
  seriesId?: number;
  responsibleUserId?: number | null;
}
