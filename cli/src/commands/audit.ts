import type { Command } from 'commander';
import { ok } from '../api/client.js';
import type { components } from '@coffer/api-client';
import { resolveScope } from '../api/scope.js';
import { connect } from '../auth/session.js';
import { parseDuration } from '../duration.js';
import { CliError } from '../errors.js';
import { render } from '../output.js';
import { contextOf, examples } from './common.js';

interface AuditFlags {
  since?: string;
  until?: string;
  principal?: string;
  operation?: string;
  outcome?: string;
  limit: string;
}

/** "1h" means an hour ago; anything else must be an ISO 8601 time. */
const timeArg = (v: string, flag: string) => {
  if (/^\d/.test(v) && !v.includes('-')) return new Date(Date.now() - parseDuration(v, flag)).toISOString();
  const d = new Date(v);
  if (Number.isNaN(d.getTime()))
    throw new CliError(
      'USAGE',
      `${flag} "${v}" is neither a duration nor a time`,
      'E.g. --since 1h or --since 2026-01-31T00:00:00Z.',
    );
  return d.toISOString();
};

export const registerAudit = (program: Command) => {
  const audit = program.command('audit').description("Read the organization's audit trail (admins)");
  audit
    .command('list')
    .description('Audit events, newest filters first')
    .option('--since <time>', 'from this time, or this long ago (1h, 7d)')
    .option('--until <time>', 'up to this time')
    .option('--principal <id>', 'only this principal')
    .option('--operation <op>', 'only this operation')
    .option('--outcome <status>', 'only this HTTP status')
    .option('--limit <n>', 'at most this many events', '100')
    .addHelpText('after', examples('coffer audit list --since 1h', 'coffer audit list --outcome 403 -o json'))
    .action(async (f: AuditFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { api } = await connect(ctx);
      const { org } = await resolveScope(ctx, api);
      const limit = Number(f.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new CliError('USAGE', '--limit must be a positive integer');
      const events: components['schemas']['AuditEvent'][] = [];
      let token: string | undefined;
      do {
        const page = await ok(
          api.GET('/audit/2019-12-10/organizations/{organization_id}/events', {
            params: {
              path: { organization_id: org },
              query: {
                'pagination.page_size': Math.min(limit - events.length, 1000),
                ...(token ? { 'pagination.next_page_token': token } : {}),
                ...(f.since ? { start_time: timeArg(f.since, '--since') } : {}),
                ...(f.until ? { end_time: timeArg(f.until, '--until') } : {}),
                ...(f.principal ? { principal_id: f.principal } : {}),
                ...(f.operation ? { operation: f.operation } : {}),
                ...(f.outcome ? { outcome: Number(f.outcome) } : {}),
              },
            },
          }),
          'reading the audit trail',
        );
        events.push(...page.events);
        token = page.pagination?.next_page_token || undefined;
      } while (token && events.length < limit);
      render(
        ctx,
        { events },
        events.map((e) => ({
          time: e.time,
          principal: e.principal?.name,
          operation: e.operation,
          outcome: e.outcome,
          resource: e.resource,
        })),
        ['time', 'principal', 'operation', 'outcome', 'resource'],
      );
    });
};
