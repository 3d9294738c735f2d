import { createHash } from 'node:crypto';

/** How far back the feed reaches; everything ahead is in it. */
export const FEED_HISTORY_DAYS = 180;
/** A meeting without an end time is shown as three hours. */
export const MEETING_HOURS = 3;

/** A feed's token is stored only as its SHA-256. */
export const hash = (token: string) => createHash('sha256').update(token).digest('hex');
