import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, call, onSignedOut } from './api/client';
import { loadSession, signInUrl, signOut, type Session } from './session';
import { Busy, ErrorBox, useLoad } from './ui';

/** The organization and project in the current path, if any. */
export const scopeOf = (path: string) => {
  const m = /^\/o\/([^/]+)\/p\/([^/]+)/.exec(path);
  return m ? { org: decodeURIComponent(m[1]!), project: decodeURIComponent(m[2]!) } : undefined;
};

export const projectPath = (org: string, project: string) =>
  `/o/${encodeURIComponent(org)}/p/${encodeURIComponent(project)}`;

const Switcher = ({ org, project }: { org: string; project: string }) => {
  const { route } = useLocation();
  const orgs = useLoad(() => call(api.GET('/resource-manager/2019-12-10/organizations')), []);
  const projects = useLoad(
    () =>
      call(
        api.GET('/resource-manager/2019-12-10/projects', {
          params: { query: { 'scope.type': 'ORGANIZATION', 'scope.id': org } },
        }),
      ),
    [org],
  );
  const switchOrg = async (id: string) => {
    const r = await call(
      api.GET('/resource-manager/2019-12-10/projects', {
        params: { query: { 'scope.type': 'ORGANIZATION', 'scope.id': id } },
      }),
    );
    const first = r.projects?.[0];
    if (first) route(projectPath(id, first.id));
  };
  return (
    <div class="switcher">
      <label>
        Organization
        <select value={org} onChange={(e) => void switchOrg(e.currentTarget.value)}>
          {(orgs.data?.organizations ?? [{ id: org, name: org }]).map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Project
        <select value={project} onChange={(e) => route(projectPath(org, e.currentTarget.value))}>
          {(projects.data?.projects ?? [{ id: project, name: project }]).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <ErrorBox error={orgs.error ?? projects.error} />
    </div>
  );
};

const SignIn = ({ returnTo, ended }: { returnTo: string; ended?: boolean }) => (
  <main id="main" class="signin">
    <h1>Coffer</h1>
    <p>{ended ? 'You are signed out.' : "Sign in to manage your organization's secrets."}</p>
    <a class="button primary" href={signInUrl(returnTo)}>
      Sign in
    </a>
  </main>
);

const NAV = [
  ['', 'Overview'],
  ['/apps', 'Apps'],
  ['/syncs', 'Syncs'],
  ['/access', 'Access'],
  ['/audit', 'Audit'],
] as const;

export const Shell = ({ children }: { children: ComponentChildren }) => {
  const { path, url } = useLocation();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [ended, setEnded] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    loadSession().then((s) => setSession(s ?? null), setError);
    // The session ended while in use (expired or revoked): sign in again and come back here.
    return onSignedOut(() => window.location.assign(signInUrl(window.location.pathname)));
  }, []);
  // Focus the page heading after navigation so screen readers announce the new screen.
  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [path]);

  if (error) return <ErrorBox error={error} />;
  if (session === undefined) return <Busy label="Checking your session…" />;
  if (session === null) return <SignIn returnTo={ended ? '/' : url} ended={ended} />;
  const scope = scopeOf(path);
  const base = scope && projectPath(scope.org, scope.project);
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="/">
          Coffer
        </a>
        {scope && <Switcher org={scope.org} project={scope.project} />}
        {base && (
          <nav aria-label="Project">
            <ul>
              {NAV.map(([suffix, label]) => {
                const href = base + suffix;
                const current = suffix === '' ? path === href : path.startsWith(href);
                return (
                  <li key={label}>
                    <a href={href} aria-current={current ? 'page' : undefined}>
                      {label}
                    </a>
                  </li>
                );
              })}
            </ul>
          </nav>
        )}
        <div class="user">
          <span title={session.user.id}>{session.user.email ?? session.user.name}</span>
          <button
            type="button"
            onClick={() =>
              void signOut().then((logoutUrl) => {
                if (logoutUrl) window.location.assign(logoutUrl);
                else {
                  setEnded(true);
                  setSession(null);
                }
              }, setError)
            }
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main">{children}</main>
    </>
  );
};
