import { ApiHarness } from './api-harness';

/**
 * Follow-up rows as the worker leaves them, written directly for the contract tests (which run
 * no worker): a proposed obligation (the sweep's reading of a decision's follow-up clause) and an
 * annual follow-up's draft report (drawn up when its case opens).
 */
export async function insertProposedObligation(
  api: ApiHarness,
  municipalityId: number,
  title = 'Uppföljning',
): Promise<number> {
  const result = await api.dataSource.query(
    `INSERT INTO obligations (municipality_id, kind, title, clause, proposal, rrule, first_due,
                              lead_days, reminder_days, status, created_at, updated_at, version)
     VALUES (?, 'follow-up', ?, 'Planen utvärderas årligen.', '{"refused":"ingen månad"}', NULL, NULL,
             30, '[14, 3]', 'proposed', NOW(3), NOW(3), 1)`,
    [municipalityId, title],
  );
  return Number(result.insertId);
}

/**
 * A board's annual follow-up, open (with its follow-up case when one is given), with its draft
 * report (version 1); returns the report's id.
 */
export async function insertDraftReport(
  api: ApiHarness,
  municipalityId: number,
  followUpCaseId: number | null = null,
): Promise<number> {
  const obligation = await insertProposedObligation(api, municipalityId, 'Årsuppföljning');
  await api.dataSource.query(
    `UPDATE obligations SET kind = 'arsuppfoljning', status = 'active', first_due = '2031-02-28',
            rrule = 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1' WHERE id = ?`,
    [obligation],
  );
  const occurrence = await api.dataSource.query(
    `INSERT INTO obligation_occurrences (municipality_id, obligation_id, due_on, opens_on, status,
                                         follow_up_case_id, opened_at, version)
     VALUES (?, ?, '2031-02-28', '2031-01-04', 'open', ?, NOW(3), 1)`,
    [municipalityId, obligation, followUpCaseId],
  );
  const report = await api.dataSource.query(
    `INSERT INTO followup_reports (municipality_id, occurrence_id, content, status, updated_at, version)
     VALUES (?, ?, ?, 'draft', NOW(3), 1)`,
    [
      municipalityId,
      occurrence.insertId,
      JSON.stringify({
        year: 2030,
        board: 'Kommunstyrelsen',
        sections: [],
        goals: [],
        kfAssignments: [],
      }),
    ],
  );
  return Number(report.insertId);
}

/** A message in the user's in-app inbox, as a notice leaves it; returns its id. */
export async function insertInboxMessage(
  api: ApiHarness,
  municipalityId: number,
  userId: number,
): Promise<number> {
  const result = await api.dataSource.query(
    `INSERT INTO inbox_messages (municipality_id, user_id, idempotency_key, subject, body, created_at)
     VALUES (?, ?, UUID(), 'Påminnelse: Årsuppföljning', 'Ska redovisas senast 28 februari.', NOW(3))`,
    [municipalityId, userId],
  );
  return Number(result.insertId);
}

/** A budget year's legal deadline, open, as the sweep records it; returns its id. */
export async function insertBudgetDeadline(
  api: ApiHarness,
  municipalityId: number,
  organId: number,
  budgetYear: number,
): Promise<number> {
  const result = await api.dataSource.query(
    `INSERT INTO deadlines (municipality_id, kind, subject_type, subject_id, organ_id, title, due_on,
                            status, created_at, version)
     VALUES (?, 'budget-proposal', 'year', ?, ?, ?, ?, 'open', NOW(3), 1)`,
    [
      municipalityId,
      budgetYear,
      organId,
      `Styrelsens förslag till budget ${budgetYear}`,
      `${budgetYear - 1}-10-31`,
    ],
  );
  return Number(result.insertId);
}
