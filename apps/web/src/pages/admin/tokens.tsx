import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Heading,
  Paragraph,
  Table,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type Body, ok } from '../../api/client';
import { problemText } from '../../api/problems';
import { Loading, PageTitle, ProblemAlert } from '../../components/page';
import { formatDate } from '../../format';
import { ROLE_TEXT } from './admin';

type Grant = Body<'/api/v1/service-tokens', 'post'>['roles'][number];

/** Service accounts for other systems (the e-archive, the website): a token shown once. */
export function TokensAdmin() {
  const tokens = useQuery({
    queryKey: ['service-tokens'],
    queryFn: () => ok(api.GET('/api/v1/service-tokens')),
  });
  const [issued, setIssued] = useState<{ name: string; token: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setMessage(null);
    const roles = data.getAll('role').map((role) => ({ role: String(role) }) as Grant);
    try {
      const created = await ok(
        api.POST('/api/v1/service-tokens', {
          body: {
            name: String(data.get('name')).trim(),
            roles,
            ...(data.get('expiresOn')
              ? { expiresAt: new Date(`${String(data.get('expiresOn'))}T23:59:59Z`).toISOString() }
              : {}),
          },
        }),
      );
      setIssued({ name: created.name, token: created.token });
      setFormKey((current) => current + 1);
      await tokens.refetch();
    } catch (failure) {
      setMessage(problemText(failure));
    }
  }

  async function revoke(id: number, name: string) {
    setMessage(null);
    try {
      await ok(api.DELETE('/api/v1/service-tokens/{id}', { params: { path: { id } } }));
      setIssued(null);
      setMessage(`Tjänstekontot ${name} är spärrat.`);
      await tokens.refetch();
    } catch (failure) {
      setMessage(problemText(failure));
    }
  }

  return (
    <>
      <PageTitle title="Tjänstekonton">Tjänstekonton</PageTitle>
      <Paragraph>
        Andra system – e-arkivet, webbplatsen – använder api:t med ett tjänstekonto. Nyckeln visas
        bara en gång, när kontot skapas.
      </Paragraph>
      <div aria-live="polite" data-testid="tokens-message">
        {message && <Alert data-color="info">{message}</Alert>}
        {issued && (
          <Alert data-color="success" data-testid="issued-token">
            <Paragraph>Nyckeln för {issued.name}. Kopiera den nu; den visas inte igen.</Paragraph>
            <code className="nf-hash">{issued.token}</code>
          </Alert>
        )}
      </div>
      {tokens.isPending && <Loading what="tjänstekontona" />}
      <ProblemAlert error={tokens.error} />
      {tokens.data && tokens.data.length > 0 && (
        <Table data-size="sm" className="nf-table">
          <caption className="nf-visually-hidden">Tjänstekonton</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>Namn</Table.HeaderCell>
              <Table.HeaderCell>Roller</Table.HeaderCell>
              <Table.HeaderCell>Skapat</Table.HeaderCell>
              <Table.HeaderCell>Gäller till</Table.HeaderCell>
              <Table.HeaderCell>
                <span className="nf-visually-hidden">Åtgärd</span>
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {tokens.data.map((token) => (
              <Table.Row key={token.id}>
                <Table.Cell>{token.name}</Table.Cell>
                <Table.Cell>
                  {token.roles.map((grant) => ROLE_TEXT[grant.role] ?? grant.role).join(', ')}
                </Table.Cell>
                <Table.Cell>{formatDate(token.createdAt)}</Table.Cell>
                <Table.Cell>
                  {token.revokedAt ? (
                    <Tag data-size="sm">Spärrat {formatDate(token.revokedAt)}</Tag>
                  ) : token.expiresAt ? (
                    formatDate(token.expiresAt)
                  ) : (
                    'tills vidare'
                  )}
                </Table.Cell>
                <Table.Cell>
                  {!token.revokedAt && (
                    <Button
                      variant="tertiary"
                      data-size="sm"
                      data-color="danger"
                      aria-label={`Spärra ${token.name}`}
                      onClick={() => void revoke(token.id, token.name)}
                    >
                      Spärra
                    </Button>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <Heading level={2} data-size="sm">
        Skapa ett tjänstekonto
      </Heading>
      <form
        key={formKey}
        className="nf-form nf-form--narrow"
        onSubmit={(event) => void create(event)}
      >
        <Textfield label="Namn" name="name" description="T.ex. ”E-arkiv”." required />
        <Fieldset>
          <Fieldset.Legend>Roller</Fieldset.Legend>
          {(['registrator', 'handlaggare'] as const).map((role) => (
            <Checkbox key={role} label={ROLE_TEXT[role]} name="role" value={role} />
          ))}
        </Fieldset>
        <Textfield label="Gäller till och med" name="expiresOn" type="date" />
        <Button type="submit">Skapa tjänstekontot</Button>
      </form>
    </>
  );
}
