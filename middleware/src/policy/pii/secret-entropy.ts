/**
 * True when a token looks machine-generated rather than a placeholder ("ghp_xxxx…", "YOUR_API_KEY"):
 * enough distinct characters, and letters mixed with digits.
 */
export function looksRandom(token: string, minDistinct = 8): boolean {
  const distinct = new Set(token).size;
  if (distinct < Math.min(minDistinct, Math.ceil(token.length / 3))) return false;
  return /[A-Za-z]/.test(token) && /\d/.test(token);
}
