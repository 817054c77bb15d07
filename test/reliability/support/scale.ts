/** True under `npm run test:soak` (SOAK=1): the same scenarios, longer. */
export const SOAK = process.env.SOAK === '1';

/** The short form's figure, or the soak's. */
export function scaled<T>(short: T, soak: T): T {
  return SOAK ? soak : short;
}

/** One line a person (and RESULTS.md) can read: `RELIABILITY <scenario> key=value ...`. */
export function printSummary(scenario: string, figures: Record<string, number | string>): string {
  const line = `RELIABILITY ${SOAK ? 'soak' : 'short'} ${scenario}: ${Object.entries(figures)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}`;
  process.stdout.write(`${line}\n`);
  return line;
}
