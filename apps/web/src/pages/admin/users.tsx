import {
  Alert,
  Button,
  Checkbox,
  Field,
  Fieldset,
  Heading,
  Label,
  Paragraph,
  Select,
  Table,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type Body, ok } from '../../api/client';
import { problemText } from '../../api/problems';
import { Loading, PageTitle, ProblemAlert } from '../../components/page';
import { useOrgans } from '../../components/queries';
import { usePeople } from '../../components/seats';
import { ROLE_TEXT } from './admin';

type Grant = Body<'/api/v1/users/{id}/roles', 'put'>['roles'][number];
const GLOBAL_ROLES = ['admin', 'registrator', 'handlaggare'] as const;
const ASSIGNABLE = new Set<string>([...GLOBAL_ROLES, 'sekreterare']);

/** The roles an admin gives (the rest follow from seats), typed for the api. */
const assignable = (roles: Array<{ role: string; organId: number | null }>): Grant[] =>
  roles.filter((grant) => ASSIGNABLE.has(grant.role)) as Grant[];

/** Users and their roles: who may register, write, keep organs' meetings, administer. */
export function UsersAdmin() {
  const users = useQuery({ queryKey: ['users'], queryFn: () => ok(api.GET('/api/v1/users')) });
  const organs = useOrgans();
  const [editing, setEditing] = useState<number | null>(null);
  const [message, setMessage] = useState<{ text: string; color: 'success' | 'danger' } | null>(
    null,
  );
  const organName = (id: number | null | undefined) =>
    organs.data?.find((organ) => organ.id === id)?.name ?? '';
  const describe = (roles: Grant[]) =>
    roles
      .map((grant) =>
        grant.organId
          ? `${ROLE_TEXT[grant.role]} (${organName(grant.organId)})`
          : ROLE_TEXT[grant.role],
      )
      .join(', ') || '–';
  return (
    <>
      <PageTitle title="Användare och roller">Användare och roller</PageTitle>
      <Paragraph>
        Ledamöter och ersättare får sina rättigheter av sina platser i organen (se Organ och
        platser); här ges de roller som inte följer av en plats.
      </Paragraph>
      <div aria-live="polite" data-testid="users-message">
        {message && <Alert data-color={message.color}>{message.text}</Alert>}
      </div>
      {users.isPending && <Loading what="användarna" />}
      <ProblemAlert error={users.error} />
      {users.data && (
        <Table data-size="sm" className="nf-table" data-testid="users">
          <caption className="nf-visually-hidden">Kommunens användare</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>Namn</Table.HeaderCell>
              <Table.HeaderCell>Användarnamn</Table.HeaderCell>
              <Table.HeaderCell>Roller</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell>
                <span className="nf-visually-hidden">Åtgärd</span>
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {users.data
              .filter((user) => user.kind === 'person')
              .map((user) => (
                <Table.Row key={user.id}>
                  <Table.Cell>{user.displayName}</Table.Cell>
                  <Table.Cell>{user.username}</Table.Cell>
                  <Table.Cell>
                    {editing === user.id ? (
                      <RolesForm
                        roles={assignable(user.roles)}
                        name={user.displayName}
                        onCancel={() => setEditing(null)}
                        onSave={async (roles) => {
                          try {
                            await ok(
                              api.PUT('/api/v1/users/{id}/roles', {
                                params: { path: { id: user.id } },
                                body: { roles },
                              }),
                            );
                            setEditing(null);
                            setMessage({
                              text: `${user.displayName}s roller är ändrade.`,
                              color: 'success',
                            });
                            await users.refetch();
                          } catch (failure) {
                            setMessage({ text: problemText(failure), color: 'danger' });
                          }
                        }}
                      />
                    ) : (
                      describe(assignable(user.roles))
                    )}
                  </Table.Cell>
                  <Table.Cell>
                    {!user.active ? (
                      <Tag data-size="sm">Avstängd</Tag>
                    ) : user.locked ? (
                      <Tag data-size="sm" data-color="warning">
                        Låst
                      </Tag>
                    ) : (
                      'Aktiv'
                    )}
                  </Table.Cell>
                  <Table.Cell>
                    {editing !== user.id && (
                      <Button
                        variant="tertiary"
                        data-size="sm"
                        aria-label={`Ändra roller för ${user.displayName}`}
                        onClick={() => setEditing(user.id)}
                      >
                        Ändra roller
                      </Button>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
          </Table.Body>
        </Table>
      )}
      <NewUser
        onCreated={(name) => {
          setMessage({ text: `${name} är upplagd.`, color: 'success' });
          void users.refetch();
        }}
      />
    </>
  );
}

function RolesForm({
  roles,
  name,
  onSave,
  onCancel,
}: {
  roles: Grant[];
  name: string;
  onSave: (roles: Grant[]) => Promise<void>;
  onCancel: () => void;
}) {
  const [grants, setGrants] = useState<Grant[]>(roles);
  return (
    <form
      className="nf-form"
      onSubmit={(event) => {
        event.preventDefault();
        void onSave(grants);
      }}
    >
      <RoleChoices grants={grants} onChange={setGrants} legend={`Roller för ${name}`} />
      <div className="nf-actions">
        <Button type="submit" data-size="sm">
          Spara rollerna
        </Button>
        <Button type="button" variant="tertiary" data-size="sm" onClick={onCancel}>
          Avbryt
        </Button>
      </div>
    </form>
  );
}

function RoleChoices({
  grants,
  onChange,
  legend,
}: {
  grants: Grant[];
  onChange: (grants: Grant[]) => void;
  legend: string;
}) {
  const organs = useOrgans();
  const has = (role: string, organId?: number) =>
    grants.some(
      (grant) => grant.role === role && (organId === undefined || grant.organId === organId),
    );
  const toggle = (grant: Grant, on: boolean) =>
    onChange(
      on
        ? [...grants, grant]
        : grants.filter(
            (other) =>
              !(other.role === grant.role && (other.organId ?? null) === (grant.organId ?? null)),
          ),
    );
  return (
    <Fieldset>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {GLOBAL_ROLES.map((role) => (
        <Checkbox
          key={role}
          label={ROLE_TEXT[role]}
          checked={has(role)}
          onChange={(event) => toggle({ role }, event.target.checked)}
        />
      ))}
      {(organs.data ?? []).map((organ) => (
        <Checkbox
          key={organ.id}
          label={`Nämndsekreterare för ${organ.name}`}
          checked={has('sekreterare', organ.id)}
          onChange={(event) =>
            toggle({ role: 'sekreterare', organId: organ.id }, event.target.checked)
          }
        />
      ))}
    </Fieldset>
  );
}

function NewUser({ onCreated }: { onCreated: (name: string) => void }) {
  const queryClient = useQueryClient();
  const people = usePeople();
  const [grants, setGrants] = useState<Grant[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [key, setKey] = useState(0);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const personId = Number(data.get('personId')) || null;
    const displayName = String(data.get('displayName')).trim();
    setFailure(null);
    try {
      await ok(
        api.POST('/api/v1/users', {
          body: {
            username: String(data.get('username')).trim(),
            displayName,
            email: String(data.get('email')).trim() || null,
            personId,
            password: String(data.get('password')),
            roles: grants,
          },
        }),
      );
      setGrants([]);
      setKey((current) => current + 1);
      void queryClient.invalidateQueries({ queryKey: ['directory'] });
      onCreated(displayName);
    } catch (problem) {
      setFailure(problem);
    }
  }
  return (
    <section aria-labelledby="ny-anvandare" className="nf-block">
      <Heading level={2} data-size="sm" id="ny-anvandare">
        Lägg upp en användare
      </Heading>
      <ProblemAlert error={failure} heading="Användaren lades inte upp" />
      <form key={key} className="nf-form nf-form--narrow" onSubmit={(event) => void submit(event)}>
        <div className="nf-row">
          <Textfield label="Namn" name="displayName" required />
          <Textfield
            label="Användarnamn"
            name="username"
            description="Små bokstäver, siffror, punkt, bindestreck."
            required
          />
        </div>
        <div className="nf-row">
          <Textfield label="E-post" name="email" type="email" />
          <Textfield
            label="Första lösenord"
            name="password"
            type="password"
            description="Minst 12 tecken. Lämna det till användaren på ett säkert sätt."
            required
            autoComplete="new-password"
          />
        </div>
        <Field>
          <Label htmlFor="new-user-person">Är personen (för ledamöter och ersättare)</Label>
          <Select id="new-user-person" name="personId" defaultValue="">
            <Select.Option value="">Ingen – en tjänsteperson utan plats</Select.Option>
            {(people.data ?? []).map((person) => (
              <Select.Option key={person.id} value={String(person.id)}>
                {person.name}
                {person.party ? ` (${person.party})` : ''}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <RoleChoices grants={grants} onChange={setGrants} legend="Roller" />
        <Button type="submit">Lägg upp användaren</Button>
      </form>
    </section>
  );
}
