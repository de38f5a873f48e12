// What a KSB code looks like and what its letter stands for: the one grammar every reader of
// codes (the standard schema, the claim rules, hover, completion, the editor's colouring) builds on.

/** The three kinds of KSB, named after the code's first letter. */
export type KsbKind = 'knowledge' | 'skill' | 'behaviour';

/** How each kind is written: the code's letter, and its name as a heading for one KSB or for many. */
export interface KindNames {
  readonly letter: 'K' | 'S' | 'B';
  /** `Skill`: one KSB's kind, as hover and lookup name it. */
  readonly singular: string;
  /** `Skills`: a group of KSBs, as the coverage view and reports head it. */
  readonly plural: string;
}

/** Every kind's letter and names. */
export const KIND_NAMES: Readonly<Record<KsbKind, KindNames>> = {
  knowledge: { letter: 'K', singular: 'Knowledge', plural: 'Knowledge' },
  skill: { letter: 'S', singular: 'Skill', plural: 'Skills' },
  behaviour: { letter: 'B', singular: 'Behaviour', plural: 'Behaviours' },
};

/** The kinds in the order standards list them. */
export const KSB_KINDS: readonly KsbKind[] = ['knowledge', 'skill', 'behaviour'];

const KIND_BY_LETTER: Readonly<Record<string, KsbKind>> = Object.fromEntries(KSB_KINDS.map((kind) => [KIND_NAMES[kind].letter, kind]));

/** The kind a code's letter stands for; `undefined` for anything that is not a KSB code. */
export function kindOfCode(code: string): KsbKind | undefined {
  return KIND_BY_LETTER[code[0]];
}

/** `Knowledge`, `Skill` or `Behaviour`. */
export function kindTitle(kind: KsbKind): string {
  return KIND_NAMES[kind].singular;
}

const LETTERS = KSB_KINDS.map((kind) => KIND_NAMES[kind].letter).join('');
/** A kind letter, as standards write it. */
const LETTER = `[${LETTERS}]`;
/** A kind letter as people type it, in either case. */
const LETTER_ANY_CASE = `[${LETTERS}${LETTERS.toLowerCase()}]`;
/** Digits a code word in running text may have, as hover and the editor's colouring look for them. */
const MAX_WORD_DIGITS = 3;

/** A KSB code as a standard writes it: one kind letter and a number without leading zeros. */
export const KSB_CODE_PATTERN = new RegExp(`^${LETTER}[1-9][0-9]*$`);

/** The pattern editors use to find a code-like word: `K1`, `s12`, `B04`. */
export const CODE_WORD = new RegExp(`\\b${LETTER_ANY_CASE}\\d{1,${MAX_WORD_DIGITS}}\\b`);

/** A whole-word code in prose, as the grammar matches it: not inside a path, a file name or a longer word. */
export const CODE_IN_PROSE = new RegExp(`(?<![\\w/.-])${LETTER}[1-9]\\d{0,${MAX_WORD_DIGITS - 1}}(?![\\w-])`);

/** A code being typed (`S`, `S2`, `k1`): a letter of either case and maybe digits. */
export const CODE_PREFIX = new RegExp(`^${LETTER_ANY_CASE}\\d*$`);

/** A code after upper-casing and dropping separators, with leading zeros apart: `K09` gives `K`, `9`. */
const LOOSE_CODE = new RegExp(`^(${LETTER})0*(\\d+)$`);

/**
 * The canonical form of something written as a code: `k9`, `K09`, `K 9` and `K-9` all give `K9`.
 * `undefined` when it is not code-shaped at all.
 */
export function canonicalCode(written: string): string | undefined {
  const match = LOOSE_CODE.exec(
    written
      .trim()
      .toUpperCase()
      .replace(/[\s._-]+/g, ''),
  );
  if (!match || match[2] === '') return undefined;
  return `${match[1]}${match[2]}`;
}

/** Letters typed for the digits they look like: O for 0; l, I and i for 1. */
const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = { O: '0', o: '0', l: '1', I: '1', i: '1', '|': '1' };

/**
 * The canonical code that `written` reads as once letters typed for digits are read as digits after
 * its kind letter: `S1O` gives `S10`, `Kl2` gives `K12`. `undefined` when it has no such letter or
 * is not code-shaped even then.
 */
export function lookalikeCode(written: string): string | undefined {
  const trimmed = written.trim();
  const rest = trimmed.slice(1).replace(/[OoIil|]/g, (letter) => DIGIT_LOOKALIKES[letter]);
  if (rest === trimmed.slice(1)) return undefined;
  return canonicalCode(trimmed.slice(0, 1) + rest);
}
