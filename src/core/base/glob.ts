// Globs compile to a small automaton (a Thompson NFA) that is run as a set of states over the
// path, one character at a time: no backtracking, so a path costs at most its length times the
// glob's size, whatever the glob. A RegExp would backtrack exponentially on globs like
// `*a*a*a*a*a*b.md`. The sets met are remembered with their steps (a DFA built as needed), so
// the usual path costs one look-up per character. Written here rather than taken from a
// package so the core stays free of Node built-ins.

/** The longest glob accepted, in characters; it bounds the automaton and the time per path. */
export const MAX_GLOB_LENGTH = 1000;

/** The most alternatives accepted in all the `{a,b}` groups of one glob together. */
export const MAX_GLOB_ALTERNATIVES = 256;

/** A compiled glob, or why the text is not one. */
export type CompiledGlob = { readonly ok: true; readonly matches: (relativePath: string) => boolean } | { readonly ok: false; readonly reason: string };

/**
 * Compiles a glob (`*`, `**`, `?`, `{a,b}`, `[abc]`, `[!a]`, `[a-z]`, a leading `./`) into a
 * predicate on `/`-separated relative paths; a text that is not a valid glob gets the reason.
 */
export function compileGlob(glob: string): CompiledGlob {
  const pattern = glob.startsWith('./') ? glob.slice(2) : glob;
  const problem = wholeGlobProblem(pattern);
  if (problem) return { ok: false, reason: problem };
  const parsed = parseGlob(pattern);
  if (!parsed.ok) return parsed;
  const automaton = new Automaton();
  const start = automaton.compileSequence(parsed.sequence, automaton.add({ kind: StateKind.Accept }));
  return { ok: true, matches: automaton.matcher(start) };
}

/** Problems that are about the glob as a whole rather than one of its characters. */
function wholeGlobProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_GLOB_LENGTH) return `longer than ${MAX_GLOB_LENGTH} characters`;
  if (pattern.length === 0) return 'empty';
  if (pattern.startsWith('/')) return 'a path from the file system root; globs are relative to the folder of portfolio.yaml';
  if (pattern.startsWith('!')) return 'a leading `!` (negation) is not supported; list only the files to include';
  const extglob = /[@!+*?]\(/.exec(pattern);
  if (extglob) return `\`${extglob[0]}\` starts an extended glob, which is not supported; use \`{a,b}\` for alternatives`;
  const segments = pattern.split('/');
  for (const [index, segment] of segments.entries()) {
    if (segment === '.' || segment === '..') return `a \`${segment}\` segment never matches a path inside the portfolio`;
    if (segment !== '') continue;
    if (index < segments.length - 1) return 'an empty segment (`//`) never matches a path';
    return 'a trailing `/` names a folder, never a file; end with `/**` to match the files below it';
  }
  return undefined;
}

/** One element of a parsed glob. */
type GlobItem =
  | { readonly kind: 'char'; readonly code: number }
  /** `?`: one character other than `/`. */
  | { readonly kind: 'one' }
  /** `[...]`: one character (never `/`) in, or with `negated` outside, the ranges. */
  | { readonly kind: 'set'; readonly negated: boolean; readonly ranges: readonly (readonly [number, number])[] }
  /** `*`: any characters other than `/`. */
  | { readonly kind: 'star' }
  /** `**` other than a whole segment: any characters, `/` included. */
  | { readonly kind: 'anything' }
  // eslint-disable-next-line no-irregular-whitespace -- a zero-width space keeps `**/` from ending the comment
  /** `**​/` at the start of a segment: zero or more whole segments. */
  | { readonly kind: 'segments' }
  | { readonly kind: 'alternatives'; readonly options: readonly GlobItem[][] };

/** The items of a glob, or why it is not one; braces are parsed with an explicit stack. */
function parseGlob(pattern: string): { ok: true; sequence: GlobItem[] } | { ok: false; reason: string } {
  const fail = (reason: string) => ({ ok: false as const, reason });
  // Each open group holds its finished options and the option being read; the bottom is the glob.
  const groups: { options: GlobItem[][]; current: GlobItem[] }[] = [{ options: [], current: [] }];
  let alternatives = 0;
  let i = 0;
  while (i < pattern.length) {
    const group = groups[groups.length - 1];
    const char = pattern[i];
    if (char === '*') {
      if (pattern[i + 1] === '*') {
        const atSegmentStart = i === 0 || pattern[i - 1] === '/';
        if (atSegmentStart && pattern[i + 2] === '/') {
          group.current.push({ kind: 'segments' });
          i += 3;
        } else {
          group.current.push({ kind: 'anything' });
          i += 2;
        }
      } else {
        group.current.push({ kind: 'star' });
        i += 1;
      }
    } else if (char === '?') {
      group.current.push({ kind: 'one' });
      i += 1;
    } else if (char === '{') {
      groups.push({ options: [], current: [] });
      i += 1;
    } else if (char === ',' && groups.length > 1) {
      group.options.push(group.current);
      group.current = [];
      i += 1;
    } else if (char === '}') {
      if (groups.length === 1) return fail(`\`}\` at character ${i + 1} closes no \`{\``);
      groups.pop();
      group.options.push(group.current);
      if (group.options.length === 1 && group.current.length === 0) return fail(`\`{}\` at character ${i} has no alternatives`);
      const sequence = /\{([^{},]*\.\.[^{},]*)$/.exec(pattern.slice(0, i));
      if (group.options.length === 1 && sequence) return fail(`\`{${sequence[1]}}\` sequences are not supported; list the alternatives, e.g. \`{1,2,3}\``);
      alternatives += group.options.length;
      if (alternatives > MAX_GLOB_ALTERNATIVES) return fail(`more than ${MAX_GLOB_ALTERNATIVES} alternatives in its \`{}\` groups`);
      groups[groups.length - 1].current.push({ kind: 'alternatives', options: group.options });
      i += 1;
    } else if (char === '[') {
      const set = parseSet(pattern, i);
      if (!set.ok) return set;
      group.current.push(set.item);
      i = set.end;
    } else {
      const code = pattern.codePointAt(i) ?? 0;
      group.current.push({ kind: 'char', code });
      i += code > 0xffff ? 2 : 1;
    }
  }
  if (groups.length > 1) return fail('unclosed `{`');
  return { ok: true, sequence: groups[0].current };
}

/** Parses `[...]` starting at `open`; a `]` right after `[` or `[!` is a member, as in POSIX. */
function parseSet(pattern: string, open: number): { ok: true; item: GlobItem; end: number } | { ok: false; reason: string } {
  let i = open + 1;
  const negated = pattern[i] === '!' || pattern[i] === '^';
  if (negated) i++;
  const first = i;
  const ranges: [number, number][] = [];
  while (i < pattern.length && (pattern[i] !== ']' || i === first)) {
    if (pattern[i] === '[' && pattern[i + 1] === ':' && /^\[:\w+:\]/.test(pattern.slice(i))) {
      return { ok: false, reason: `character classes like \`${/^\[:\w+:\]/.exec(pattern.slice(i))?.[0]}\` are not supported` };
    }
    const low = pattern.codePointAt(i) ?? 0;
    i += low > 0xffff ? 2 : 1;
    let high = low;
    if (pattern[i] === '-' && i + 1 < pattern.length && pattern[i + 1] !== ']') {
      high = pattern.codePointAt(i + 1) ?? 0;
      i += high > 0xffff ? 3 : 2;
      if (high < low) return { ok: false, reason: `\`${String.fromCodePoint(low)}-${String.fromCodePoint(high)}\` is a reversed range` };
    }
    if (low <= SLASH && SLASH <= high) return { ok: false, reason: `\`${pattern.slice(open, i)}...]\` includes \`/\`, which a \`[...]\` set never matches` };
    ranges.push([low, high]);
  }
  if (i >= pattern.length) return { ok: false, reason: 'unclosed `[`' };
  return { ok: true, item: { kind: 'set', negated, ranges }, end: i + 1 };
}

const SLASH = 0x2f;

enum StateKind {
  /** Consumes the character `code`. */
  Char,
  /** Consumes any character but `/`. */
  NotSlash,
  /** Consumes any character. */
  Any,
  /** Consumes a character (never `/`) by the set `set`. */
  Set,
  /** Moves without consuming to `next` and `alternative`. */
  Split,
  Accept,
}

interface State {
  kind: StateKind;
  next?: number;
  alternative?: number;
  code?: number;
  set?: Extract<GlobItem, { kind: 'set' }>;
}

/** The states of a glob's automaton and the simulation that runs them. */
class Automaton {
  private readonly states: State[] = [];

  add(state: State): number {
    this.states.push(state);
    return this.states.length - 1;
  }

  /** Builds the states for `items` followed by `next`, from the last item back. */
  compileSequence(items: readonly GlobItem[], next: number): number {
    for (let i = items.length - 1; i >= 0; i--) next = this.compileItem(items[i], next);
    return next;
  }

  private compileItem(item: GlobItem, next: number): number {
    switch (item.kind) {
      case 'char':
        return this.add({ kind: StateKind.Char, code: item.code, next });
      case 'one':
        return this.add({ kind: StateKind.NotSlash, next });
      case 'set':
        return this.add({ kind: StateKind.Set, set: item, next });
      case 'star':
        return this.loop(StateKind.NotSlash, next);
      case 'anything':
        return this.loop(StateKind.Any, next);
      case 'segments': {
        // Zero or more times: a segment's characters, then `/`.
        const repeat = this.add({ kind: StateKind.Split, alternative: next });
        this.states[repeat].next = this.loop(StateKind.NotSlash, this.add({ kind: StateKind.Char, code: SLASH, next: repeat }));
        return repeat;
      }
      case 'alternatives': {
        let start = this.compileSequence(item.options[item.options.length - 1], next);
        for (let i = item.options.length - 2; i >= 0; i--) {
          start = this.add({ kind: StateKind.Split, next: this.compileSequence(item.options[i], next), alternative: start });
        }
        return start;
      }
    }
  }

  /** Zero or more characters consumed by a state of `kind`, then `next`. */
  private loop(kind: StateKind.NotSlash | StateKind.Any, next: number): number {
    const split = this.add({ kind: StateKind.Split, alternative: next });
    this.states[split].next = this.add({ kind, next: split });
    return split;
  }

  /** A predicate that runs the automaton from `start` over a path. */
  matcher(start: number): (path: string) => boolean {
    const run = new StateSetRunner(this.states, start);
    return (path) => run.matches(path);
  }
}

/**
 * A set of automaton states the simulation can be in between two characters: the states that
 * consume a character, and `Accept`. Steps from it are remembered, so each set is worked out once
 * and a path costs one look-up per character.
 */
interface StateSet {
  readonly members: readonly number[];
  /** Steps on ASCII characters by code, the usual case, then on the others. */
  readonly asciiSteps: (StateSet | undefined)[];
  readonly otherSteps: Map<number, StateSet>;
  readonly accepts: boolean;
}

/** The most state sets one glob remembers; past it, new steps are worked out and not kept. */
const MAX_REMEMBERED_SETS = 1024;

/** Runs an automaton by sets of states (a lazily built DFA), so no path makes it backtrack. */
class StateSetRunner {
  private readonly known = new Map<string, StateSet>();
  private readonly empty: StateSet = { members: [], asciiSteps: [], otherSteps: new Map(), accepts: false };
  private readonly initial: StateSet;
  // Scratch space for closures: a mark per state saying which closure last listed it.
  private readonly listedBy: Float64Array;
  private readonly pending: Int32Array;
  private closureCount = 0;

  constructor(
    private readonly states: readonly State[],
    start: number,
  ) {
    this.listedBy = new Float64Array(states.length).fill(-1);
    this.pending = new Int32Array(states.length);
    this.initial = this.setOf(this.closure([start]));
  }

  matches(path: string): boolean {
    let set = this.initial;
    for (let i = 0; i < path.length && set !== this.empty;) {
      let code = path.charCodeAt(i++);
      // A surrogate pair is one character, so `?` and sets match an emoji whole.
      if (code >= 0xd800 && code < 0xdc00 && i < path.length) {
        const low = path.charCodeAt(i);
        if (low >= 0xdc00 && low < 0xe000) {
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
          i++;
        }
      }
      const known = code < 128 ? set.asciiSteps[code] : set.otherSteps.get(code);
      if (known) set = known;
      else if (this.known.size < MAX_REMEMBERED_SETS) set = this.step(set, code);
      // A glob with this many sets gains nothing from remembering more: go on without.
      else return this.simulate(this.advance(set.members, code), path, i);
    }
    return set.accepts;
  }

  /** Runs the rest of `path` from `i` by plain state sets, remembering nothing. */
  private simulate(members: number[], path: string, i: number): boolean {
    while (i < path.length && members.length > 0) {
      const code = path.codePointAt(i) as number;
      i += code > 0xffff ? 2 : 1;
      members = this.advance(members, code);
    }
    return members.some((id) => this.states[id].kind === StateKind.Accept);
  }

  private step(from: StateSet, code: number): StateSet {
    const to = this.setOf(this.advance(from.members, code));
    if (code < 128) from.asciiSteps[code] = to;
    else from.otherSteps.set(code, to);
    return to;
  }

  /** The states after consuming `code` from `members`. */
  private advance(members: readonly number[], code: number): number[] {
    const targets: number[] = [];
    for (const id of members) {
      const state = this.states[id];
      if (consumes(state, code)) targets.push(state.next as number);
    }
    return this.closure(targets);
  }

  /** The states reachable from `from` without consuming a character, splits left out. */
  private closure(from: readonly number[]): number[] {
    const mark = ++this.closureCount;
    const { listedBy, pending, states } = this;
    const members: number[] = [];
    // A state is marked when pushed, so each is pushed once and `pending` cannot overflow.
    let top = 0;
    for (const id of from) {
      if (listedBy[id] !== mark) {
        listedBy[id] = mark;
        pending[top++] = id;
      }
    }
    while (top > 0) {
      const id = pending[--top];
      const state = states[id];
      if (state.kind === StateKind.Split) {
        const next = state.next as number;
        const alternative = state.alternative as number;
        if (listedBy[next] !== mark) {
          listedBy[next] = mark;
          pending[top++] = next;
        }
        if (listedBy[alternative] !== mark) {
          listedBy[alternative] = mark;
          pending[top++] = alternative;
        }
      } else {
        members.push(id);
      }
    }
    return members;
  }

  private setOf(members: number[]): StateSet {
    if (members.length === 0) return this.empty;
    members.sort((a, b) => a - b);
    const key = members.join(',');
    let set = this.known.get(key);
    if (!set) {
      const accepts = members.some((id) => this.states[id].kind === StateKind.Accept);
      set = { members, asciiSteps: new Array<StateSet | undefined>(128).fill(undefined), otherSteps: new Map(), accepts };
      this.known.set(key, set);
    }
    return set;
  }
}

function consumes(state: State, code: number): boolean {
  switch (state.kind) {
    case StateKind.Char:
      return state.code === code;
    case StateKind.NotSlash:
      return code !== SLASH;
    case StateKind.Any:
      return true;
    case StateKind.Set: {
      if (code === SLASH) return false;
      const set = state.set as Extract<GlobItem, { kind: 'set' }>;
      const inRanges = set.ranges.some(([low, high]) => low <= code && code <= high);
      return inRanges !== set.negated;
    }
    default:
      return false;
  }
}
