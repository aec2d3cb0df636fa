// Picks msteams: links (and https Teams links a launcher passes) out of a command line.
import { inspectLink } from '../../shared/teams/index.ts';

export function teamsLinksIn(argv: readonly string[]): string[] {
  return argv.filter((arg) => /^msteams:/i.test(arg) && arg.length <= 65_536 && inspectLink(arg).status === 'meeting');
}
