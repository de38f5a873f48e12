// Who takes part in the apprenticeship, from `portfolio.yaml`: the `people:` list, with `apprentice:`
// and `mentor:` counting as people with those roles. Sign-off rules, `ksb signoff` and the git
// verification all ask this one model who may sign as what, and with which e-mail addresses.
import type { PortfolioConfig } from './config';
import type { SignoffRole } from '../model/lifecycleTerms';

/** One person of the portfolio: their name as sign-offs write it, the roles they hold, the addresses they commit with. */
export interface Person {
  readonly name: string;
  readonly roles: readonly SignoffRole[];
  /** Lower-cased, as git's addresses are compared. */
  readonly emails: readonly string[];
}

/** The people of a portfolio and how to find one by the name a sign-off gives. */
export interface People {
  /** Whether `people:` is written: then a sign-off must name one of them. */
  readonly declared: boolean;
  readonly all: readonly Person[];
  /** The person a `by:` names (case and spacing ignored), if any. */
  find(name: string): Person | undefined;
  /** Whether `name` is the apprentice's (`apprentice:` or a person holding only the apprentice role). */
  isApprentice(name: string): boolean;
}

/** A name as compared: trimmed, its spaces collapsed, lower-cased. */
export function nameKey(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The people `config` declares; a name written in several places is one person with every role given. */
export function peopleOf(config: PortfolioConfig): People {
  const byName = new Map<string, { name: string; roles: Set<SignoffRole>; emails: Set<string> }>();
  const add = (name: string, roles: readonly SignoffRole[], emails: readonly string[]) => {
    const key = nameKey(name);
    if (key === '') return;
    let person = byName.get(key);
    if (!person) byName.set(key, (person = { name: name.trim(), roles: new Set(), emails: new Set() }));
    for (const role of roles) person.roles.add(role);
    for (const email of emails) person.emails.add(email.trim().toLowerCase());
  };
  for (const person of config.people ?? []) add(person.name, person.roles, person.email ?? []);
  if (config.apprentice !== undefined) add(config.apprentice, ['apprentice'], []);
  if (config.mentor !== undefined) add(config.mentor, ['mentor'], []);
  const all: Person[] = [...byName.values()].map((person) => ({ name: person.name, roles: [...person.roles], emails: [...person.emails] }));
  const found = new Map(all.map((person) => [nameKey(person.name), person]));
  const apprentices = new Set(all.filter((person) => person.roles.includes('apprentice')).map((person) => nameKey(person.name)));
  return {
    declared: config.people !== undefined,
    all,
    find: (name) => found.get(nameKey(name)),
    isApprentice: (name) => apprentices.has(nameKey(name)),
  };
}
