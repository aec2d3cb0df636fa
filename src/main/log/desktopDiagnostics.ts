// The desktop app's diagnostics file: the facts main knows (versions, OS, machine policy as the
// renderer sees it) and the newest lines of the log file, put together by the shared builder.
import { buildDiagnosticsReport, diagnosticsFileName, type DiagnosticsInput } from '../../shared/log/diagnostics.ts';
import type { RotatingFile } from './rotatingFile.ts';

/** How much of the log goes into the file: enough for a morning's trouble, small enough to attach. */
export const DIAGNOSTICS_LOG_BYTES = 512 * 1024;

export interface DesktopDiagnosticsFacts {
  app: { name: string; version: string };
  system: {
    platform: string;
    osRelease: string;
    arch: string;
    versions: { electron?: string | undefined; chrome?: string | undefined; node?: string | undefined };
    locale: string;
  };
  policy: DiagnosticsInput['policy'];
  /** The user's home folder, shown as ~ in the log folder's path. */
  home: string;
  logFile: Pick<RotatingFile, 'readRecent' | 'dir'>;
  now(): Date;
}

export async function desktopDiagnostics(facts: DesktopDiagnosticsFacts): Promise<{ fileName: string; text: string }> {
  const generatedAt = facts.now();
  const recent = await facts.logFile.readRecent(DIAGNOSTICS_LOG_BYTES);
  const { system } = facts;
  const text = buildDiagnosticsReport({
    generatedAt,
    app: { ...facts.app, build: 'desktop' },
    system: {
      platform: system.platform,
      osRelease: system.osRelease,
      arch: system.arch,
      electron: system.versions.electron,
      chrome: system.versions.chrome,
      node: system.versions.node,
      locale: system.locale,
    },
    policy: facts.policy,
    log: { lines: recent.lines, truncated: recent.truncated, folder: homeAsTilde(facts.logFile.dir, facts.home) },
  });
  return { fileName: diagnosticsFileName(generatedAt), text };
}

function homeAsTilde(folder: string, home: string): string {
  if (home === '' || !folder.startsWith(home)) return folder;
  const rest = folder.slice(home.length);
  return rest === '' || rest.startsWith('/') || rest.startsWith('\\') ? `~${rest}` : folder;
}
