import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, call } from '../api/client';
import { projectPath } from '../shell';
import { Busy, Empty, ErrorBox, Title, useLoad } from '../ui';

/** Opens the first project the user can see. */
const Home = () => {
  const { route } = useLocation();
  const first = useLoad(async () => {
    const { organizations = [] } = await call(api.GET('/resource-manager/2019-12-10/organizations'));
    for (const o of organizations) {
      const { projects = [] } = await call(
        api.GET('/resource-manager/2019-12-10/projects', {
          params: { query: { 'scope.type': 'ORGANIZATION', 'scope.id': o.id } },
        }),
      );
      if (projects[0]) return { org: o.id, project: projects[0].id };
    }
    return undefined;
  }, []);
  useEffect(() => {
    if (first.data) route(projectPath(first.data.org, first.data.project), true);
  }, [first.data]);
  return (
    <>
      <Title>Coffer</Title>
      {first.loading && <Busy label="Finding your projects…" />}
      <ErrorBox error={first.error} />
      {!first.loading && !first.error && !first.data && (
        <Empty>You have no access to any project yet. Ask an organization admin to grant you a role.</Empty>
      )}
    </>
  );
};
export default Home;
