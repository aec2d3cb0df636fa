// The "Export diagnostics" file: one plain-text file an IT department can attach to a ticket. It
// says which Relais, on which system, under which machine policy, and what the app logged recently.
// It is built from facts gathered elsewhere (main in the desktop app, the page in the web build) and
// holds no secrets: policy values that could be secrets are left out, log lines are redacted again.
import { escapeControls } from './format.ts';
import { redactText } from './redact.ts';
import { lockedSettings, type ManagedSettings } from '../policy/managedSettings.ts';

export interface DiagnosticsInput {
  generatedAt: Date;
  app: { name: string; version: string; build: 'desktop' | 'web' };
  /** What is known of the system; absent facts are left out. */
  system: {
    platform: string;
    osRelease?: string | undefined;
    arch?: string | undefined;
    electron?: string | undefined;
    chrome?: string | undefined;
    node?: string | undefined;
    userAgent?: string | undefined;
    locale?: string | undefined;
  };
  /** Machine policy as the app applies it (the getManagedSettings shape). */
  policy: Pick<ManagedSettings, 'mode' | 'settings' | 'locks'>;
  log: {
    /** Formatted log lines, oldest first. */
    lines: readonly string[];
    /** Where the full log is kept (desktop), with the home folder shown as ~. */
    folder?: string | undefined;
    /** Lines older than these were left out of this file (or the in-memory log dropped them). */
    truncated: boolean;
  };
}

/** Settings whose values are shown as they are: words from a fixed list or dates, never secrets. */
const PLAIN_VALUE_KEYS = new Set(['logLevel', 'syncMode', 'teamsBridge.sunset']);
/** Settings holding URLs: only their origin is shown (a path or query could carry a token). */
const URL_KEYS = new Set(['homeservers', 'calls.sfuUrl', 'calls.elementCallUrl', 'tchap.infoServers', 'autoUpdate.url']);
/** Settings holding host names, shown as they are once they look like host names. */
const HOST_KEYS = new Set(['allowedEgressHosts']);

const PLAIN_VALUE = /^[\w.:-]{1,40}$/;
const HOST = /^[a-z0-9*.[\]:-]{1,261}$/i;

export function diagnosticsFileName(at: Date): string {
  return `relais-diagnostics-${at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-')}.txt`;
}

export function buildDiagnosticsReport(input: DiagnosticsInput): string {
  const { app, system, policy, log } = input;
  const lines: (string | null)[] = [
    `${app.name} diagnostics`,
    `Generated: ${input.generatedAt.toISOString()}`,
    'This file holds no message content, passwords, access tokens or recovery keys: they are removed',
    'before anything is logged, and machine policy values that could be secrets are left out.',
    '',
    '[Application]',
    field('Name', app.name),
    field('Version', app.version),
    field('Build', app.build === 'desktop' ? 'desktop (Electron)' : 'web'),
    '',
    '[System]',
    field('Platform', system.platform),
    field('OS release', system.osRelease),
    field('Architecture', system.arch),
    field('Electron', system.electron),
    field('Chrome', system.chrome),
    field('Node.js', system.node),
    field('User agent', system.userAgent),
    field('Locale', system.locale),
    '',
    '[Machine policy]',
    ...policySummary(policy),
    '',
    `[Recent log] (${log.lines.length} ${log.lines.length === 1 ? 'line' : 'lines'}, oldest first${log.truncated ? '; older lines not included' : ''})`,
    ...(log.folder ? [field('Log folder', log.folder)] : []),
    ...log.lines.map((line) => escapeControls(redactText(line))),
    '',
  ];
  return lines.filter((line): line is string => line !== null).join('\n');
}

function field(name: string, value: string | undefined): string | null {
  return value === undefined || value === '' ? null : `${name}: ${escapeControls(redactText(value))}`;
}

function policySummary(policy: DiagnosticsInput['policy']): string[] {
  const mode = {
    none: 'none (no machine policy on this computer)',
    managed: 'managed (machine policy applies)',
    safe: 'SAFE MODE (the machine policy is invalid: Relais connects nowhere; the log says why)',
  }[policy.mode];
  const locked = lockedSettings(policy);
  return [
    `Mode: ${mode}`,
    `Locked settings: ${locked.length === 0 ? 'none' : String(locked.length)}`,
    ...locked.map(({ key, value, lock }) => `  ${key} = ${safeValue(key, value)} (${escapeControls(redactText(lock.reason))})`),
  ];
}

/** A value that cannot be a secret, or a description of it that says nothing of its content. */
export function safeValue(key: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (value === null || value === undefined) return '(not set)';
  if (PLAIN_VALUE_KEYS.has(key) && typeof value === 'string' && PLAIN_VALUE.test(value)) return value;
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  if (URL_KEYS.has(key) && items.every((item) => typeof item === 'string')) return items.map(originOf).join(', ') || '(empty)';
  if (HOST_KEYS.has(key) && items.every((item) => typeof item === 'string' && HOST.test(item))) {
    return items.join(', ') || '(empty)';
  }
  if (Array.isArray(value)) return `${value.length} ${value.length === 1 ? 'entry' : 'entries'} (not included)`;
  return 'set (not included)';
}

function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.origin === 'null' ? '(not a web address)' : parsed.origin;
  } catch {
    return '(not a web address)';
  }
}
