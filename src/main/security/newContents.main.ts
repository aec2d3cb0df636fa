// Which rules a newly created web contents gets. The app's window (and anything else Relais opens)
// gets the app's navigation guards; an isolated Teams window keeps the Teams rules its module
// attached, because the app's guards would cancel every Teams and sign-in navigation and hand it to
// the system browser (issue 13: "isolated" silently became "browser").
import type { WebContents } from 'electron';
import { attachNavigationGuards, type GuardDeps } from './guards.main.ts';

export interface NewContentsDeps extends GuardDeps {
  isIsolatedTeams(contents: WebContents): boolean;
}

export function guardNewWebContents(contents: WebContents, deps: NewContentsDeps): 'app' | 'isolated-teams' {
  if (deps.isIsolatedTeams(contents)) return 'isolated-teams';
  attachNavigationGuards(contents, deps);
  return 'app';
}
