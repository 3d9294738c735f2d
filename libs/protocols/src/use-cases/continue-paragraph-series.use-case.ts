import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Where an organ's series stands (for a municipality coming from another system mid-year). */
@Injectable()
export class ContinueParagraphSeries {
  async execute(
    tx: EntityManager,
    organId: number,
    year: number,
    nextNumber: number,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO paragraph_counters (organ_id, year, next_number) VALUES (?, ?, ?)
         ON DUPLICATE KEY UPDATE next_number = GREATEST(next_number, VALUES(next_number))`,
      [organId, year, nextNumber],
    );
  }
}
