import openapiTS, { astToString } from 'openapi-typescript';

/** The header every generated file starts with, so nobody edits it by hand. */
const HEADER = `/**
 * Generated from Coffer's GET /openapi.json by \`npm run generate:client\`. Do not edit by hand:
 * change the zod schemas in functions/api and run the generator again (a test fails when they drift).
 */

`;

/** Renders the OpenAPI document as the TypeScript types openapi-fetch checks requests against. */
export const renderClientSchema = async (document: unknown): Promise<string> => {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], {
    // HCP path parameters are plain strings; no need to widen every enum or require `null` unions.
    alphabetize: true,
  });
  return HEADER + astToString(ast);
};
