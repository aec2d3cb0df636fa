// Two ways to tell people the machine policy is unusable: a plain message for the person at the
// keyboard (what it means for them, and what to pass on to IT), and a precise one for the log and
// the administrator (file, line, key, what is wrong).
import { describeOrigin, type PolicyProblem } from '../../shared/policy/types.ts';

export type ProblemLanguage = 'en' | 'fr';

const MAX_PLACES = 3;
// French typography puts a no-break space before ":" and inside guillemets.
const NBSP = '\u00a0';

interface Wording {
  damaged: string;
  unreadable: string;
  tooNew: string;
  consequence: string;
  tell: string;
  place: (source: string, line: number | undefined) => string;
  separator: string;
  generic: string;
  count: (n: number) => string;
  more: (n: number) => string;
  quote: (text: string) => string;
}

const WORDING: Readonly<Record<ProblemLanguage, Wording>> = {
  en: {
    damaged: "Your organisation's settings for Relais are damaged",
    unreadable: "Your organisation's settings for Relais cannot be read",
    tooNew: "Your organisation's settings for Relais were made for a newer version of Relais",
    consequence: ', so Relais will not connect to any server until IT fixes them.',
    tell: 'Tell your IT department:',
    place: (source, line) => (line === undefined ? source : `${source}, line ${line}`),
    separator: '; ',
    generic: 'Relais policy problem',
    count: (n) => (n === 1 ? 'Relais policy problem in' : `Relais policy: ${n} problems in`),
    more: (n) => `and ${n} more`,
    quote: (text) => `“${text}”`,
  },
  fr: {
    damaged: 'Les réglages de votre organisation pour Relais sont endommagés',
    unreadable: 'Les réglages de votre organisation pour Relais sont illisibles',
    tooNew: 'Les réglages de votre organisation pour Relais ont été prévus pour une version plus récente de Relais',
    consequence: '\u00a0: Relais ne se connectera à aucun serveur tant que votre service informatique ne les aura pas corrigés.',
    tell: `Indiquez à votre service informatique${NBSP}:`,
    place: (source, line) => (line === undefined ? source : `${source}, ligne ${line}`),
    separator: '\u202f; ',
    generic: 'Problème de politique Relais',
    count: (n) => (n === 1 ? 'problème de politique Relais dans' : `politique Relais${NBSP}: ${n} problèmes dans`),
    more: (n) => `et ${n} autre${n > 1 ? 's' : ''}`,
    quote: (text) => `«${NBSP}${text}${NBSP}»`,
  },
};

function headline(problems: readonly PolicyProblem[], words: Wording): string {
  if (problems.length > 0 && problems.every((p) => p.kind === 'unreadable')) return words.unreadable;
  if (problems.length > 0 && problems.every((p) => p.kind === 'version')) return words.tooNew;
  return words.damaged;
}

/**
 * What the user sees when Relais starts in safe mode: no jargon, the consequence, and a short
 * quote with the places to pass on to IT (they have the details in the log).
 */
export function describeProblemForUser(problems: readonly PolicyProblem[], language: ProblemLanguage): string {
  const words = WORDING[language];
  const places: string[] = [];
  for (const problem of problems) {
    const place = words.place(problem.source, problem.line);
    if (!places.includes(place)) places.push(place);
  }
  const shown = places.slice(0, MAX_PLACES);
  if (places.length > MAX_PLACES) shown.push(words.more(places.length - MAX_PLACES));
  const quote = places.length === 0 ? words.generic : `${words.count(problems.length)} ${shown.join(words.separator)}`;
  return `${headline(problems, words)}${words.consequence} ${words.tell} ${words.quote(capitalise(quote))}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One line per problem, "where [key] message", for the log and for --print-policy. */
export function formatProblemsForLog(problems: readonly PolicyProblem[]): string {
  const header = `Machine policy is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}); Relais runs in safe mode and connects to no server.`;
  const lines = problems.map((problem) => {
    const where = describeOrigin(problem);
    const key = problem.keyPath === undefined ? '' : ` [${problem.keyPath}]`;
    return `  ${where}${key} (${problem.kind}): ${problem.message}`;
  });
  return [header, ...lines].join('\n');
}
