import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { api, ApiProblem, ok } from './api/client';
import { currentSession, resume, subscribe } from './auth/session';
import { Layout } from './components/layout';
import { Loading } from './components/page';
import { LoginPage } from './pages/login';
import { NotFoundPage } from './pages/not-found';

// Each page is its own chunk: the first load carries the sign-in page and the frame only. The
// page the address names is fetched at once, beside the session's renewal (see App).
const pages = {
  start: () => import('./pages/start'),
  registry: () => import('./pages/registry'),
  registerCase: () => import('./pages/register-case'),
  case: () => import('./pages/case'),
  tjansteskrivelse: () => import('./pages/tjansteskrivelse'),
  organ: () => import('./pages/organ'),
  agenda: () => import('./pages/agenda'),
  protocol: () => import('./pages/protocol'),
  justering: () => import('./pages/justering'),
  admin: () => import('./pages/admin-pages'),
  followups: () => import('./pages/followups'),
  report: () => import('./pages/followup-report'),
  plans: () => import('./pages/plans'),
};
const StartPage = lazy(() => pages.start().then((m) => ({ default: m.StartPage })));
const RegistryPage = lazy(() => pages.registry().then((m) => ({ default: m.RegistryPage })));
const RegisterCasePage = lazy(() =>
  pages.registerCase().then((m) => ({ default: m.RegisterCasePage })),
);
const CasePage = lazy(() => pages.case().then((m) => ({ default: m.CasePage })));
const TjansteskrivelsePage = lazy(() =>
  pages.tjansteskrivelse().then((m) => ({ default: m.TjansteskrivelsePage })),
);
const OrganPage = lazy(() => pages.organ().then((m) => ({ default: m.OrganPage })));
const AgendaPage = lazy(() => pages.agenda().then((m) => ({ default: m.AgendaPage })));
const ProtocolPage = lazy(() => pages.protocol().then((m) => ({ default: m.ProtocolPage })));
const JusteringPage = lazy(() => pages.justering().then((m) => ({ default: m.JusteringPage })));
const admin = <T extends keyof Awaited<ReturnType<typeof pages.admin>>>(name: T) =>
  lazy(() => pages.admin().then((m) => ({ default: m[name] as React.ComponentType })));
const FollowupsPage = lazy(() => pages.followups().then((m) => ({ default: m.FollowupsPage })));
const FollowupReportPage = lazy(() =>
  pages.report().then((m) => ({ default: m.FollowupReportPage })),
);
const PlansPage = lazy(() => pages.plans().then((m) => ({ default: m.PlansPage })));
const PlanPage = lazy(() => pages.plans().then((m) => ({ default: m.PlanPage })));
const AdminPage = admin('AdminPage');
const UsersAdmin = admin('UsersAdmin');
const OrgansAdmin = admin('OrgansAdmin');
const DelegationAdmin = admin('DelegationAdmin');
const SettingsAdmin = admin('SettingsAdmin');
const TokensAdmin = admin('TokensAdmin');
const AuditAdmin = admin('AuditAdmin');

/** Starts loading what the first page needs while the session is renewed: its code, its data. */
function prefetchFor(pathname: string): void {
  const agenda = /^\/moten\/(\d+)$/.exec(pathname);
  const record = /^\/arenden\/(\d+)$/.exec(pathname);
  if (agenda) void pages.agenda();
  else if (record) void pages.case();
  else if (pathname === '/') void pages.start();
  void resume().then(() => {
    if (!currentSession()) return;
    void queryClient.prefetchQuery({
      queryKey: ['me'],
      queryFn: () => ok(api.GET('/api/v1/auth/me')),
    });
    if (agenda) {
      const id = Number(agenda[1]);
      void queryClient.prefetchQuery({
        queryKey: ['agenda', id],
        queryFn: () => ok(api.GET('/api/v1/meetings/{id}', { params: { path: { id } } })),
      });
    }
  });
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again; a lost connection may.
      retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export function useSession() {
  return useSyncExternalStore(subscribe, currentSession);
}

/** Pages behind sign-in: without a session, the sign-in page (which says why). */
function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    return (
      <Navigate to="/logga-in" replace state={{ from: location.pathname + location.search }} />
    );
  }
  return (
    <Layout>
      <Suspense fallback={<Loading what="sidan" />}>
        <Outlet />
      </Suspense>
    </Layout>
  );
}

const router = createBrowserRouter([
  { path: '/logga-in', element: <LoginPage /> },
  {
    element: <RequireSession />,
    children: [
      { path: '/', element: <StartPage /> },
      { path: '/arenden', element: <RegistryPage /> },
      { path: '/arenden/nytt', element: <RegisterCasePage /> },
      { path: '/arenden/:id', element: <CasePage /> },
      { path: '/tjansteskrivelser/:id', element: <TjansteskrivelsePage /> },
      { path: '/organ/:id', element: <OrganPage /> },
      { path: '/moten/:id', element: <AgendaPage /> },
      { path: '/moten/:id/protokoll', element: <ProtocolPage /> },
      { path: '/protokoll/:id', element: <JusteringPage /> },
      { path: '/uppfoljningar', element: <FollowupsPage /> },
      { path: '/uppfoljningar/rapporter/:id', element: <FollowupReportPage /> },
      { path: '/planer', element: <PlansPage /> },
      { path: '/planer/:id', element: <PlanPage /> },
      {
        path: '/administration',
        element: <AdminPage />,
        children: [
          { index: true, element: <Navigate to="/administration/anvandare" replace /> },
          { path: 'anvandare', element: <UsersAdmin /> },
          { path: 'organ', element: <OrgansAdmin /> },
          { path: 'delegation', element: <DelegationAdmin /> },
          { path: 'installningar', element: <SettingsAdmin /> },
          { path: 'tjanstekonton', element: <TokensAdmin /> },
          { path: 'handelser', element: <AuditAdmin /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    prefetchFor(window.location.pathname);
    void resume().finally(() => setReady(true));
  }, []);
  useEffect(
    () =>
      subscribe(() => {
        if (!currentSession()) queryClient.clear();
      }),
    [],
  );
  if (!ready) return null;
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
