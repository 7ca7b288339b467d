import { useRoute } from 'preact-iso';

/** The route's organization, project and (where present) app and secret, decoded. */
export const useScope = () => {
  const { params } = useRoute();
  const d = (v: string | undefined) => (v === undefined ? '' : decodeURIComponent(v));
  return { org: d(params.org), project: d(params.project), app: d(params.app), secret: d(params.secret) };
};

/** Path parameters for the secrets API of one project. */
export const projectParams = (s: { org: string; project: string }) => ({
  organization_id: s.org,
  project_id: s.project,
});

export const enc = encodeURIComponent;
export const base = (s: { org: string; project: string }) => `/o/${enc(s.org)}/p/${enc(s.project)}`;
