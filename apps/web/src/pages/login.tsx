import {
  Alert,
  Button,
  Field,
  Heading,
  Input,
  Label,
  Paragraph,
  Select,
} from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiProblem } from '../api/client';
import { problemText } from '../api/problems';
import { endReason, signIn } from '../auth/session';
import { useSession } from '../app';

interface Municipality {
  slug: string;
  name: string;
}

/** Sign-in: municipality (from the list), user name and password. */
export function LoginPage() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const municipalities = useQuery({
    queryKey: ['municipalities'],
    queryFn: async (): Promise<Municipality[]> => {
      const response = await fetch('/api/v1/municipalities', {
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw ApiProblem.from(response, await response.json().catch(() => ({})));
      return (await response.json()) as Municipality[];
    },
  });
  const [municipality, setMunicipality] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const expired = endReason() === 'expired';

  useEffect(() => {
    document.title = 'Logga in – Nämndflöde';
  }, []);
  useEffect(() => {
    if (session) void navigate(from, { replace: true });
  }, [session, from, navigate]);
  useEffect(() => {
    const list = municipalities.data;
    if (list?.length && !municipality) setMunicipality(list[0]!.slug);
  }, [municipalities.data, municipality]);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await signIn(municipality, String(form.get('username')), String(form.get('password')));
    } catch (refusal) {
      if (refusal instanceof Response) {
        const body: unknown = await refusal.json().catch(() => ({}));
        setError(problemText(ApiProblem.from(refusal, body)));
      } else {
        setError(problemText(refusal));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="innehall" className="nf-login">
      <div className="nf-login__card">
        <Heading level={1} data-size="lg">
          Logga in i Nämndflöde
        </Heading>
        <Paragraph>Ärenden, sammanträden och protokoll för kommunens nämnder.</Paragraph>
        {expired && !error && (
          <Alert data-color="warning" role="status">
            Din session har gått ut. Logga in igen för att fortsätta.
          </Alert>
        )}
        {error && (
          <Alert data-color="danger" role="alert" ref={errorRef} tabIndex={-1}>
            {error}
          </Alert>
        )}
        <form onSubmit={(event) => void submit(event)} className="nf-form">
          <Field>
            <Label htmlFor="municipality">Kommun</Label>
            <Select
              id="municipality"
              name="municipality"
              value={municipality}
              onChange={(event) => setMunicipality(event.target.value)}
              required
            >
              {(municipalities.data ?? []).map((item) => (
                <Select.Option key={item.slug} value={item.slug}>
                  {item.name}
                </Select.Option>
              ))}
            </Select>
          </Field>
          <Field>
            <Label htmlFor="username">Användarnamn</Label>
            <Input id="username" name="username" autoComplete="username" required />
          </Field>
          <Field>
            <Label htmlFor="password">Lösenord</Label>
            <Input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
            />
          </Field>
          <Button type="submit" loading={busy} disabled={busy || !municipality}>
            Logga in
          </Button>
        </form>
      </div>
    </main>
  );
}
