import { NavLink, Outlet } from 'react-router';
import { useMe } from '../../auth/use-me';
import { Loading, PageTitle } from '../../components/page';

const SECTIONS = [
  { to: '/administration/anvandare', text: 'Användare och roller' },
  { to: '/administration/organ', text: 'Organ och platser' },
  { to: '/administration/delegation', text: 'Delegationsordning' },
  { to: '/administration/installningar', text: 'Inställningar' },
  { to: '/administration/tjanstekonton', text: 'Tjänstekonton' },
  { to: '/administration/handelser', text: 'Händelselogg' },
];

export const isAdmin = (me: ReturnType<typeof useMe>['data']) =>
  me?.grants.some((grant) => grant.role === 'admin') ?? false;

/** The administration's frame: its sections beside the one open. */
export function AdminPage() {
  const me = useMe();
  if (me.isPending) return <Loading what="administrationen" />;
  if (!isAdmin(me.data)) {
    return (
      <>
        <PageTitle title="Administration">Administration</PageTitle>
        <p>Administrationen är till för kommunens administratörer.</p>
      </>
    );
  }
  return (
    <div className="nf-admin">
      <nav aria-label="Administration" className="nf-admin__nav">
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to}>{section.text}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="nf-admin__section">
        <Outlet />
      </div>
    </div>
  );
}

export const ROLE_TEXT: Record<string, string> = {
  admin: 'Administratör',
  registrator: 'Registrator',
  handlaggare: 'Handläggare',
  sekreterare: 'Nämndsekreterare',
  ordforande: 'Ordförande',
  ledamot: 'Ledamot',
  ersattare: 'Ersättare',
};
