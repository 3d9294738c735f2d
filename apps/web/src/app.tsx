import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { ApiProblem } from './api/client';
import { currentSession, resume, subscribe } from './auth/session';
import { Layout } from './components/layout';
import { Loading } from './components/page';
import { LoginPage } from './pages/login';
import { NotFoundPage } from './pages/not-found';

// Each page is its own chunk: the first load carries the sign-in page and the frame only.
const StartPage = lazy(() => import('./pages/start').then((m) => ({ default: m.StartPage })));
const RegistryPage = lazy(() =>
  import('./pages/registry').then((m) => ({ default: m.RegistryPage })),
);
const RegisterCasePage = lazy(() =>
  import('./pages/register-case').then((m) => ({ default: m.RegisterCasePage })),
);
const CasePage = lazy(() => import('./pages/case').then((m) => ({ default: m.CasePage })));
const TjansteskrivelsePage = lazy(() =>
  import('./pages/tjansteskrivelse').then((m) => ({ default: m.TjansteskrivelsePage })),
);
const OrganPage = lazy(() => import('./pages/organ').then((m) => ({ default: m.OrganPage })));
const AgendaPage = lazy(() => import('./pages/agenda').then((m) => ({ default: m.AgendaPage })));

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
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
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
