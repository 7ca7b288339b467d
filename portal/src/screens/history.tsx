import { useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { base, enc, projectParams, useScope } from '../routes';
import { Busy, Confirm, Empty, ErrorBox, Title, fmtTime, useAction, useLoad, who } from '../ui';

const SECRET =
  '/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}/apps/{app_name}/secrets/{secret_name}';
type Version = Schemas['SecretStaticVersion'];

/** Line-by-line comparison, enough for config values; values stay in this screen's memory only. */
const lineDiff = (a: string, b: string) => {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = Math.max(x.length, y.length);
  const out: { kind: 'same' | 'old' | 'new'; text: string }[] = [];
  for (let i = 0; i < n; i++) {
    if (x[i] === y[i]) out.push({ kind: 'same', text: x[i]! });
    else {
      if (x[i] !== undefined) out.push({ kind: 'old', text: x[i]! });
      if (y[i] !== undefined) out.push({ kind: 'new', text: y[i]! });
    }
  }
  return out;
};

const History = () => {
  const s = useScope();
  const path = { ...projectParams(s), app_name: s.app, secret_name: s.secret };
  const data = useLoad(async () => {
    const versions: Version[] = [];
    let token: string | undefined;
    do {
      const r = await call(
        api.GET(`${SECRET}/versions`, {
          params: { path, query: { 'pagination.page_size': 1000, 'pagination.next_page_token': token } },
        }),
      );
      versions.push(...r.static_versions.versions);
      token = r.pagination?.next_page_token || undefined;
    } while (token);
    versions.sort((a, b) => Number(b.version) - Number(a.version));
    return versions;
  }, [s.org, s.project, s.app, s.secret]);
  const [opened, setOpened] = useState<ReadonlyMap<string, string>>(new Map());
  const [picked, setPicked] = useState<string[]>([]);
  const [compare, setCompare] = useState<[string, string]>();
  const [restoring, setRestoring] = useState<string>();
  const act = useAction();

  const open = async (version: string) => {
    const known = opened.get(version);
    if (known !== undefined) return known;
    const r = await call(
      api.GET(`${SECRET}/versions/{version}:open`, {
        params: { path: { ...path, version: Number(version) } },
      }),
    );
    const value = r.static_version?.value ?? '';
    setOpened((m) => new Map(m).set(version, value));
    return value;
  };
  const latest = data.data?.[0]?.version;
  const restore = async (version: string) => {
    const value = await open(version);
    await call(
      api.POST(
        '/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}/apps/{app_name}/secret/kv',
        {
          params: { path: { ...projectParams(s), app_name: s.app } },
          body: { name: s.secret, value, ...(latest ? { expected_version: Number(latest) } : {}) },
        },
      ),
    );
    data.reload();
  };
  const toggle = (v: string) =>
    setPicked((p) => (p.includes(v) ? p.filter((x) => x !== v) : [...p, v].slice(-2)));

  return (
    <>
      <p class="crumbs">
        <a href={`${base(s)}/apps`}>Apps</a> / <a href={`${base(s)}/apps/${enc(s.app)}`}>{s.app}</a> /{' '}
        {s.secret}
      </p>
      <Title>{`History of ${s.secret}`}</Title>
      {data.loading && !data.data && <Busy />}
      <ErrorBox error={data.error} />
      <ErrorBox error={act.error} />
      {data.data &&
        (data.data.length === 0 ? (
          <Empty>This secret has no versions.</Empty>
        ) : (
          <>
            <div class="toolbar">
              <button
                type="button"
                disabled={picked.length !== 2 || act.busy}
                onClick={() =>
                  void act.run(async () => {
                    const [a, b] = [...picked].sort((x, y) => Number(x) - Number(y)) as [string, string];
                    await open(a);
                    await open(b);
                    setCompare([a, b]);
                  })
                }
              >
                Compare selected versions
              </button>
              <span class="muted">
                Select two versions to compare. Opening a version is recorded in the audit trail.
              </span>
            </div>
            <table>
              <caption class="sr-only">Versions of {s.secret}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span class="sr-only">Select</span>
                  </th>
                  <th scope="col">Version</th>
                  <th scope="col">Author</th>
                  <th scope="col">Time</th>
                  <th scope="col">Value</th>
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.data.map((v) => {
                  const version = String(v.version);
                  const value = opened.get(version);
                  return (
                    <tr key={version}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Select version ${version}`}
                          checked={picked.includes(version)}
                          onChange={() => toggle(version)}
                        />
                      </td>
                      <th scope="row">
                        {version}
                        {version === String(latest) && <span class="badge ok">latest</span>}
                      </th>
                      <td>{who(v.created_by)}</td>
                      <td>{fmtTime(v.created_at)}</td>
                      <td class="value">
                        {value === undefined ? (
                          <span class="masked">••••••••</span>
                        ) : (
                          <code class="revealed">{value}</code>
                        )}
                      </td>
                      <td class="row-actions">
                        {value === undefined && (
                          <button
                            type="button"
                            aria-label={`Open version ${version}`}
                            onClick={() => void act.run(() => open(version))}
                          >
                            Open
                          </button>
                        )}
                        {version !== String(latest) && (
                          <button
                            type="button"
                            aria-label={`Restore version ${version}`}
                            onClick={() => setRestoring(version)}
                          >
                            Restore
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        ))}
      {compare && (
        <section class="card" aria-labelledby="compare">
          <h2 id="compare">
            Version {compare[0]} → version {compare[1]}
          </h2>
          {opened.get(compare[0]) === opened.get(compare[1]) ? (
            <p>The two versions hold the same value.</p>
          ) : (
            <pre class="diff">
              {lineDiff(opened.get(compare[0]) ?? '', opened.get(compare[1]) ?? '').map((l, i) => (
                <span key={i} class={`diff-${l.kind}`}>
                  {l.kind === 'old' ? '- ' : l.kind === 'new' ? '+ ' : '  '}
                  {l.text}
                  {'\n'}
                </span>
              ))}
            </pre>
          )}
          <button type="button" onClick={() => setCompare(undefined)}>
            Close comparison
          </button>
        </section>
      )}
      {restoring && (
        <Confirm
          title={`Restore version ${restoring}?`}
          message={<p>This writes version {restoring}'s value as a new latest version. History is kept.</p>}
          action="Restore"
          onConfirm={() => restore(restoring)}
          onClose={() => setRestoring(undefined)}
        />
      )}
    </>
  );
};
export default History;
