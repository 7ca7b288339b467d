import { render } from 'preact';
import { lazy, LocationProvider, Route, Router } from 'preact-iso';
import { Shell } from './shell';
import './styles.css';

// One chunk per screen: the first screen loads only the shell and what it shows.
const Home = lazy(() => import('./screens/home'));
const Overview = lazy(() => import('./screens/overview'));
const Apps = lazy(() => import('./screens/apps'));
const Secrets = lazy(() => import('./screens/secrets'));
const History = lazy(() => import('./screens/history'));
const Syncs = lazy(() => import('./screens/syncs'));
const Access = lazy(() => import('./screens/access'));
const Audit = lazy(() => import('./screens/audit'));
const NotFound = lazy(() => import('./screens/not-found'));

const P = '/o/:org/p/:project';
/**
 * The paths the portal routes itself ("/" and "/o/..."). A click on any other same-origin link
 * (`/auth/login`, `/auth/logout`, the development provider under `/dev-oidc`) must reach the
 * server as a real navigation; without a scope the router would swallow it and re-render the SPA.
 */
const SPA_PATHS = /^\/(?:o\/|$|[?#])/;

const App = () => (
  <LocationProvider scope={SPA_PATHS}>
    <Shell>
      <Router>
        <Route path="/" component={Home} />
        <Route path={P} component={Overview} />
        <Route path={`${P}/apps`} component={Apps} />
        <Route path={`${P}/apps/:app`} component={Secrets} />
        <Route path={`${P}/apps/:app/secrets/:secret`} component={History} />
        <Route path={`${P}/syncs`} component={Syncs} />
        <Route path={`${P}/access`} component={Access} />
        <Route path={`${P}/audit`} component={Audit} />
        <Route default component={NotFound} />
      </Router>
    </Shell>
  </LocationProvider>
);

render(<App />, document.getElementById('app')!);
