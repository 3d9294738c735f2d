import {
  Alert,
  Button,
  Field,
  Fieldset,
  Heading,
  Label,
  Paragraph,
  Select,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { api, ok, type Ok } from '../api/client';
import { isConflict, problemText } from '../api/problems';
import { download } from '../components/download';
import { Loading, PageTitle, ProblemAlert } from '../components/page';
import { formatDate, formatDateTime } from '../format';
import { ASSESSMENTS } from './followups';

type Report = Ok<'/api/v1/followup-reports/{id}'>;
type Content = Pick<Report['content'], 'sections' | 'goals' | 'kfAssignments'>;
type Indicator = NonNullable<Report['figures']>['goals'][number]['indicators'][number];

const TREND_TEXT: Record<string, string> = {
  up: 'Förbättras',
  flat: 'Oförändrad',
  down: 'Försämras',
};
const STATUS_TEXT: Record<string, string> = { done: 'Genomfört', ongoing: 'Pågår' };

const contentOf = (report: Report): Content => ({
  sections: report.content.sections,
  goals: report.content.goals,
  kfAssignments: report.content.kfAssignments,
});

/**
 * The annual follow-up (årsuppföljning) a board writes: its sections, each goal assessed on the
 * four steps with its trend and comment (the plan's indicators charted beside it), and the KF
 * assignments. Saved with the version read: someone else's save in between is shown, not lost.
 */
export function FollowupReportPage() {
  const reportId = Number(useParams().id);
  const report = useQuery({
    queryKey: ['followup-report', reportId],
    queryFn: () =>
      ok(api.GET('/api/v1/followup-reports/{id}', { params: { path: { id: reportId } } })),
  });
  if (report.isPending) return <Loading what="rapporten" />;
  if (report.error) {
    return (
      <>
        <PageTitle title="Rapporten kunde inte visas">Rapporten kunde inte visas</PageTitle>
        <ProblemAlert error={report.error} />
      </>
    );
  }
  return <Editor key={report.data.id} initial={report.data} />;
}

function Editor({ initial }: { initial: Report }) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(initial);
  const [content, setContent] = useState<Content>(contentOf(initial));
  const [conflict, setConflict] = useState<Report | null>(null);
  const [message, setMessage] = useState<{ text: string; color: 'success' | 'danger' } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);
  const dirty = JSON.stringify(content) !== JSON.stringify(contentOf(saved));
  const readOnly = saved.status === 'final';
  const figures = new Map(
    (saved.figures?.goals ?? []).map((goal) => [goal.key, goal.indicators] as const),
  );

  async function save(version: number) {
    setBusy(true);
    setMessage(null);
    try {
      const next = await ok(
        api.PUT('/api/v1/followup-reports/{id}', {
          params: { path: { id: saved.id } },
          body: { version, ...content },
        }),
      );
      setSaved(next);
      setConflict(null);
      queryClient.setQueryData(['followup-report', saved.id], next);
      void queryClient.invalidateQueries({ queryKey: ['annual-followups'] });
      setMessage({ text: `Rapporten är sparad (version ${next.version}).`, color: 'success' });
    } catch (failure) {
      if (isConflict(failure)) {
        // Someone saved first: keep this user's edits on screen, and show that theirs exist.
        setConflict(
          await ok(
            api.GET('/api/v1/followup-reports/{id}', { params: { path: { id: saved.id } } }),
          ),
        );
      } else {
        setMessage({ text: problemText(failure), color: 'danger' });
      }
    } finally {
      setBusy(false);
    }
  }

  const setGoal = (index: number, change: Partial<Content['goals'][number]>) =>
    setContent((current) => ({
      ...current,
      goals: current.goals.map((goal, other) => (other === index ? { ...goal, ...change } : goal)),
    }));

  return (
    <>
      <p className="nf-eyebrow">
        <RouterLink to="/uppfoljningar">Till uppföljningarna</RouterLink>
        {saved.followUpDnr && <> · {saved.followUpDnr}</>} · Klar senast {formatDate(saved.dueOn)} ·{' '}
        <Tag data-size="sm">{readOnly ? 'Slutlig' : 'Utkast'}</Tag>
      </p>
      <PageTitle title={saved.title}>{saved.title}</PageTitle>
      <p className="nf-save-status" role="status" data-testid="report-status">
        Version {saved.version}, sparad {formatDateTime(saved.updatedAt)}.
        {dirty && ' Du har ändringar som inte är sparade.'}
      </p>
      <div aria-live="polite" data-testid="report-message">
        {message && (
          <Alert data-color={message.color} role={message.color === 'danger' ? 'alert' : undefined}>
            {message.text}
          </Alert>
        )}
      </div>
      {conflict && (
        <Alert data-color="warning" role="alert" data-testid="report-conflict">
          <Paragraph>
            Någon annan sparade rapporten {formatDateTime(conflict.updatedAt)} (version{' '}
            {conflict.version}) medan du skrev. Dina ändringar finns kvar här men är inte sparade.
          </Paragraph>
          <div className="nf-actions">
            <Button onClick={() => void save(conflict.version)} disabled={busy}>
              Spara mina ändringar över deras
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setSaved(conflict);
                setContent(contentOf(conflict));
                setConflict(null);
              }}
            >
              Läs in deras version
            </Button>
          </div>
        </Alert>
      )}

      <section aria-labelledby="avsnitt" className="nf-block">
        <Heading level={2} data-size="sm" id="avsnitt">
          Avsnitt
        </Heading>
        {content.sections.map((section, index) => (
          <Textfield
            key={index}
            label={section.title}
            multiline
            rows={5}
            value={section.text}
            readOnly={readOnly}
            onChange={(event) =>
              setContent((current) => ({
                ...current,
                sections: current.sections.map((other, position) =>
                  position === index ? { ...other, text: event.target.value } : other,
                ),
              }))
            }
          />
        ))}
      </section>

      <section aria-labelledby="mal" className="nf-block">
        <Heading level={2} data-size="sm" id="mal">
          Mål
        </Heading>
        {content.goals.map((goal, index) => (
          <div key={goal.key ?? index} className="nf-goal" data-testid="report-goal">
            <Fieldset>
              <Fieldset.Legend>
                {goal.area && <span className="nf-muted">{goal.area}: </span>}
                {goal.title}
              </Fieldset.Legend>
              <div className="nf-row">
                <Field>
                  <Label htmlFor={`assessment-${index}`}>Bedömning</Label>
                  <Select
                    id={`assessment-${index}`}
                    value={goal.assessment ?? ''}
                    disabled={readOnly}
                    onChange={(event) =>
                      setGoal(index, {
                        assessment: (event.target.value || null) as typeof goal.assessment,
                      })
                    }
                  >
                    <Select.Option value="">Inte bedömt</Select.Option>
                    {ASSESSMENTS.map((assessment) => (
                      <Select.Option key={assessment} value={assessment}>
                        {assessment}
                      </Select.Option>
                    ))}
                  </Select>
                </Field>
                <Field>
                  <Label htmlFor={`trend-${index}`}>Trend</Label>
                  <Select
                    id={`trend-${index}`}
                    value={goal.trend ?? ''}
                    disabled={readOnly}
                    onChange={(event) =>
                      setGoal(index, { trend: (event.target.value || null) as typeof goal.trend })
                    }
                  >
                    <Select.Option value="">Ingen trend</Select.Option>
                    {Object.entries(TREND_TEXT).map(([trend, text]) => (
                      <Select.Option key={trend} value={trend}>
                        {text}
                      </Select.Option>
                    ))}
                  </Select>
                </Field>
              </div>
              <Textfield
                label={`Kommentar till ${goal.title}`}
                multiline
                rows={3}
                value={goal.comment}
                readOnly={readOnly}
                onChange={(event) => setGoal(index, { comment: event.target.value })}
              />
            </Fieldset>
            {goal.key && (figures.get(goal.key)?.length ?? 0) > 0 && (
              <div className="nf-goal__figures">
                {figures.get(goal.key)!.map((indicator) => (
                  <IndicatorChart key={indicator.id} indicator={indicator} />
                ))}
              </div>
            )}
          </div>
        ))}
      </section>

      {content.kfAssignments.length > 0 && (
        <section aria-labelledby="uppdrag" className="nf-block">
          <Heading level={2} data-size="sm" id="uppdrag">
            Uppdrag från fullmäktige och styrelsen
          </Heading>
          {content.kfAssignments.map((assignment, index) => (
            <Fieldset key={assignment.key ?? index}>
              <Fieldset.Legend>
                {assignment.givenBy && <span className="nf-muted">{assignment.givenBy}: </span>}
                {assignment.title}
              </Fieldset.Legend>
              <div className="nf-row">
                <Field>
                  <Label htmlFor={`assignment-${index}`}>Status</Label>
                  <Select
                    id={`assignment-${index}`}
                    value={assignment.status}
                    disabled={readOnly}
                    onChange={(event) =>
                      setContent((current) => ({
                        ...current,
                        kfAssignments: current.kfAssignments.map((other, position) =>
                          position === index
                            ? { ...other, status: event.target.value as typeof other.status }
                            : other,
                        ),
                      }))
                    }
                  >
                    {Object.entries(STATUS_TEXT).map(([status, text]) => (
                      <Select.Option key={status} value={status}>
                        {text}
                      </Select.Option>
                    ))}
                  </Select>
                </Field>
                <Textfield
                  label={`Kommentar till uppdraget ${index + 1}`}
                  value={assignment.comment}
                  readOnly={readOnly}
                  onChange={(event) =>
                    setContent((current) => ({
                      ...current,
                      kfAssignments: current.kfAssignments.map((other, position) =>
                        position === index ? { ...other, comment: event.target.value } : other,
                      ),
                    }))
                  }
                />
              </div>
            </Fieldset>
          ))}
        </section>
      )}

      <div className="nf-actions">
        {!readOnly && (
          <Button onClick={() => void save(saved.version)} disabled={busy || !dirty}>
            Spara rapporten
          </Button>
        )}
        <Button
          variant="secondary"
          onClick={() =>
            void download(
              `/api/v1/followup-reports/${saved.id}/document`,
              `${saved.title.replace(/[^\p{L}\d -]+/gu, '')}.pdf`,
            ).catch((failure) => setMessage({ text: problemText(failure), color: 'danger' }))
          }
        >
          Ladda ned som PDF
        </Button>
      </div>
    </>
  );
}

/** An indicator's outcomes by year as bars, its target as a line; the numbers said in text too. */
export function IndicatorChart({ indicator }: { indicator: Indicator }) {
  const points = [...indicator.outcomes].sort((a, b) => a.year - b.year).slice(-5);
  const target = indicator.target?.value;
  const top = Math.max(1, ...points.map((point) => point.value), target ?? 0);
  const width = 260;
  const height = 120;
  const step = points.length ? (width - 20) / points.length : 0;
  const y = (value: number) => height - 20 - (value / top) * (height - 36);
  const text = `${indicator.name}: ${points.map((point) => `${point.year} ${point.value.toLocaleString('sv-SE')}`).join(', ') || 'inga utfall'}${indicator.unit ? ` (${indicator.unit})` : ''}. Mål: ${indicator.targetText || 'inget'}.`;
  return (
    <figure className="nf-indicator" data-testid="indicator-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={text} width="100%">
        {points.map((point, index) => (
          <g key={point.year}>
            <rect
              x={10 + index * step + step * 0.15}
              y={y(point.value)}
              width={step * 0.7}
              height={height - 20 - y(point.value)}
              fill={point.year === indicator.year ? '#0062ba' : '#7aa7d6'}
            />
            <text
              x={10 + index * step + step / 2}
              y={height - 5}
              fontSize="11"
              textAnchor="middle"
              fill="#1f1f1f"
            >
              {point.year}
            </text>
          </g>
        ))}
        {target !== undefined && (
          <line
            x1={10}
            x2={width - 10}
            y1={y(target)}
            y2={y(target)}
            stroke="#b3261e"
            strokeDasharray="4 3"
            strokeWidth={2}
          />
        )}
      </svg>
      <figcaption className="nf-muted">{text}</figcaption>
    </figure>
  );
}
