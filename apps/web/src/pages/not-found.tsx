import { Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { PageTitle } from '../components/page';

export function NotFoundPage() {
  return (
    <>
      <PageTitle title="Sidan finns inte">Sidan finns inte</PageTitle>
      <Paragraph>
        Adressen leder inte till någon sida.{' '}
        <Link asChild>
          <RouterLink to="/">Gå till Mitt arbete</RouterLink>
        </Link>
      </Paragraph>
    </>
  );
}
