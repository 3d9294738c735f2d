import { Button, SkipLink } from '@digdir/designsystemet-react';
import { type ReactNode, useEffect } from 'react';
import { NavLink, useLocation } from 'react-router';
import { signOut } from '../auth/session';
import { hasPermission, secretaryOrganIds, useMe } from '../auth/use-me';
import { useOrgans } from './queries';

/** The frame of every signed-in page: skip link, header with navigation, the page's main. */
export function Layout({ children }: { children: ReactNode }) {
  const me = useMe();
  const organs = useOrgans();
  const location = useLocation();
  useEffect(() => {
    // A new page: move focus to its heading so a screen reader starts there.
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [location.pathname]);
  const mine = secretaryOrganIds(me.data);
  const admin = me.data?.grants.some((grant) => grant.role === 'admin') ?? false;
  const secretaryOf = (organs.data ?? []).filter((organ) => admin || mine.includes(organ.id));
  return (
    <>
      <SkipLink href="#innehall">Hoppa till innehållet</SkipLink>
      <header className="nf-header">
        <div className="nf-header__inner">
          <NavLink to="/" className="nf-brand">
            Nämndflöde
          </NavLink>
          <nav aria-label="Huvudmeny">
            <ul className="nf-nav">
              <li>
                <NavLink to="/" end>
                  Mitt arbete
                </NavLink>
              </li>
              {hasPermission(me.data, 'cases.read') && (
                <li>
                  <NavLink to="/arenden" end>
                    Ärenden
                  </NavLink>
                </li>
              )}
              {hasPermission(me.data, 'cases.register') && (
                <li>
                  <NavLink to="/arenden/nytt">Registrera ärende</NavLink>
                </li>
              )}
              <li>
                <NavLink to="/uppfoljningar">Uppföljningar</NavLink>
              </li>
              {hasPermission(me.data, 'followups.manage') && (
                <li>
                  <NavLink to="/planer">Planer</NavLink>
                </li>
              )}
              {admin && (
                <li>
                  <NavLink to="/administration">Administration</NavLink>
                </li>
              )}
              {secretaryOf.map((organ) => (
                <li key={organ.id}>
                  <NavLink to={`/organ/${organ.id}`}>{organ.name}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="nf-user">
            <span>{me.data?.user.displayName}</span>
            <Button variant="tertiary" data-size="sm" onClick={() => void signOut()}>
              Logga ut
            </Button>
          </div>
        </div>
      </header>
      <main id="innehall" className="nf-main">
        {children}
      </main>
    </>
  );
}
