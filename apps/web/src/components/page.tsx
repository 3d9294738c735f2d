import { Alert, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { type ReactNode, useEffect } from 'react';
import { problemText } from '../api/problems';

/** The page's one h1; it takes focus when the page opens (see Layout) and names the tab. */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  useEffect(() => {
    document.title = `${title} – Nämndflöde`;
  }, [title]);
  return (
    <Heading level={1} data-size="lg" tabIndex={-1} className="nf-title">
      {children}
    </Heading>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <div className="nf-loading" role="status">
      <Spinner aria-hidden="true" data-size="sm" />
      <span>Hämtar {what} …</span>
    </div>
  );
}

/** A refusal or failure, said in Swedish. */
export function ProblemAlert({ error, heading }: { error: unknown; heading?: string }) {
  if (!error) return null;
  return (
    <Alert data-color="danger" role="alert">
      {heading && (
        <Heading level={2} data-size="xs">
          {heading}
        </Heading>
      )}
      <Paragraph>{problemText(error)}</Paragraph>
    </Alert>
  );
}

/** A polite announcement for screen readers and a visible note. */
export function Notice({
  children,
  color = 'info',
}: {
  children: ReactNode;
  color?: 'info' | 'success' | 'warning';
}) {
  return (
    <Alert data-color={color} role="status">
      {children}
    </Alert>
  );
}
