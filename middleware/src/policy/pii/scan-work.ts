/**
 * A deterministic measure of detector work: every detector adds the characters and candidates it
 * examines. The fuzz test (test/unit/pii/linear-time.test.ts) asserts the total stays within a budget
 * linear in the input length on adversarial inputs; counting steps instead of time keeps that test
 * stable on a loaded machine. The counter is per thread (each scan worker has its own).
 */
let steps = 0;

/** Adds `n` units of work (characters scanned, candidates checked). */
export function countWork(n: number): void {
  steps += n;
}

/** Work counted since the last reset. */
export function workCounted(): number {
  return steps;
}

export function resetWorkCounter(): void {
  steps = 0;
}

/**
 * Runs a global regex over the text as `matchAll` does, counting one step per character the
 * search passes (from where it resumed to the end of each match, and the tail after the last one).
 */
export function* countedMatches(text: string, pattern: RegExp): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  let from = 0;
  for (;;) {
    const match = pattern.exec(text);
    if (match === null) break;
    const end = match.index + match[0].length;
    countWork(end - from + 1);
    if (match[0].length === 0) pattern.lastIndex += 1;
    from = pattern.lastIndex;
    yield match;
  }
  countWork(text.length - from);
}
