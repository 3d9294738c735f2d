import { Alert, Button, Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type AgendaView, ok } from '../api/client';
import { download, openFile } from '../components/download';
import { ProblemAlert } from '../components/page';
import { formatDateTime } from '../format';
import { rendered } from './rendered';

const DAY_MS = 86_400_000;

/**
 * The kallelse: a preview of what it will list, publishing it (a tilläggskallelse when the agenda
 * changed after), the KF one-week warning, and the rendered PDF and DOCX once the job has made them.
 */
export function Kallelse({
  agenda,
  organKind,
  disabled,
}: {
  agenda: AgendaView;
  organKind: string | undefined;
  disabled: boolean;
}) {
  const queryClient = useQueryClient();
  const [warnings, setWarnings] = useState<string[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const published = agenda.kallelseVersion > 0;
  const kallelse = useQuery({
    queryKey: ['kallelse', agenda.id, agenda.kallelseVersion],
    enabled: published,
    queryFn: () =>
      ok(api.GET('/api/v1/meetings/{id}/kallelse', { params: { path: { id: agenda.id } } })),
    // The PDF and DOCX are rendered by a job: look again until they are there.
    refetchInterval: (query) => (rendered(query.state.data?.files) ? false : 1000),
  });
  const publish = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/meetings/{id}/kallelse', {
          params: { path: { id: agenda.id } },
          body: { version: agenda.version },
        }),
      ),
    onSuccess: async (result) => {
      setWarnings(result.warnings);
      await queryClient.invalidateQueries({ queryKey: ['agenda', agenda.id] });
    },
  });
  const council = organKind === 'fullmäktige';
  const daysLeft = Math.floor((new Date(agenda.startsAt).getTime() - Date.now()) / DAY_MS);
  const needsPublishing = !published || agenda.agendaChangedAfterKallelse;
  const editable = agenda.status === 'planned' || agenda.status === 'summoned';
  const label = published ? 'Publicera tilläggskallelse' : 'Publicera kallelsen';
  const pdf = kallelse.data?.files.find((file) => file.contentType === 'application/pdf');
  const docx = kallelse.data?.files.find((file) => file.contentType !== 'application/pdf');

  return (
    <Card
      data-color="neutral"
      className="nf-section nf-kallelse"
      role="region"
      aria-labelledby="kallelse"
    >
      <Heading level={2} data-size="sm" id="kallelse">
        Kallelse
      </Heading>
      <Paragraph data-size="sm" data-testid="meeting-openness">
        {council
          ? 'Sammanträdet är offentligt (5 kap. 38 § kommunallagen).'
          : agenda.openToPublic
            ? 'Nämnden har beslutat att sammanträdet är offentligt (6 kap. 25 § kommunallagen).'
            : 'Sammanträdet är inte offentligt (6 kap. 25 § kommunallagen).'}
      </Paragraph>
      {published && kallelse.data && (
        <Paragraph data-testid="kallelse-version">
          {kallelse.data.versionNo === 1
            ? 'Kallelsen'
            : `Tilläggskallelse (version ${kallelse.data.versionNo})`}{' '}
          publicerades {formatDateTime(kallelse.data.publishedAt)}.
          {kallelse.data.versionNo > 1 &&
            ` Tidigare versioner: ${Array.from({ length: kallelse.data.versionNo - 1 }, (_, i) => i + 1).join(', ')}.`}
        </Paragraph>
      )}
      {published && (
        <div className="nf-actions" data-testid="kallelse-files">
          {pdf ? (
            <>
              <Button
                variant="secondary"
                onClick={() =>
                  openFile(`/api/v1/meetings/${agenda.id}/kallelse/files/${pdf.id}`).catch(
                    setFailure,
                  )
                }
              >
                Öppna kallelsen (PDF)
              </Button>
              {docx && (
                <Button
                  variant="tertiary"
                  onClick={() =>
                    download(
                      `/api/v1/meetings/${agenda.id}/kallelse/files/${docx.id}`,
                      docx.filename,
                    ).catch(setFailure)
                  }
                >
                  Ladda ned DOCX
                </Button>
              )}
            </>
          ) : (
            <Paragraph data-size="sm" role="status">
              PDF och DOCX skapas …
            </Paragraph>
          )}
        </div>
      )}
      <ProblemAlert error={failure ?? publish.error} />
      {warnings.map((warning) => (
        <Alert key={warning} data-color="warning" role="alert">
          {warning}
        </Alert>
      ))}
      {editable && needsPublishing && (
        <>
          <Heading level={3} data-size="2xs">
            Förhandsvisning
          </Heading>
          <ol className="nf-preview" data-testid="kallelse-preview">
            {agenda.items.map((item) => (
              <li key={item.id}>
                <span data-testid="preview-title">{item.title}</span>
                {item.dnr && <span className="nf-muted"> ({item.dnr})</span>}
                {item.closedOsl && (
                  <span className="nf-muted"> – utelämnas i offentlig version</span>
                )}
              </li>
            ))}
          </ol>
          {council && daysLeft < 7 && (
            <Alert data-color="warning">
              Sammanträdet är om {Math.max(0, daysLeft)} dagar. Fullmäktiges sammanträde ska
              kungöras minst en vecka i förväg (kommunallagen 5 kap. 12 §).
            </Alert>
          )}
          <Button
            onClick={() => publish.mutate()}
            loading={publish.isPending}
            disabled={disabled || agenda.items.length === 0}
          >
            {label}
          </Button>
        </>
      )}
    </Card>
  );
}
