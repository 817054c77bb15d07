/**
 * Calendar arithmetic in UTC for the policy rules. Month steps clamp to the last day of the
 * target month (2020-02-29 + 36 months = 2023-02-28; 2020-01-31 + 1 month = 2020-02-29), the
 * convention of date-fns `addMonths` and of most retention schedules.
 */

const MS_PER_DAY = 86_400_000;

export function daysInMonthUtc(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** `date` plus `months` calendar months (negative allowed), same time of day, clamped at month end. */
export function addMonthsUtc(date: Date, months: number): Date {
  if (!Number.isInteger(months)) throw new RangeError(`addMonthsUtc: months must be an integer, got ${months}`);
  const totalMonths = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(totalMonths / 12);
  const monthIndex = totalMonths - year * 12;
  const day = Math.min(date.getUTCDate(), daysInMonthUtc(year, monthIndex));
  const result = new Date(date.getTime());
  result.setUTCFullYear(year, monthIndex, day);
  return result;
}

/** `date` plus whole 24-hour days. */
export function addDaysUtc(date: Date, days: number): Date {
  if (!Number.isInteger(days)) throw new RangeError(`addDaysUtc: days must be an integer, got ${days}`);
  return new Date(date.getTime() + days * MS_PER_DAY);
}

/**
 * Completed years between `birthDate` and `now`. Someone born on 29 February completes a year
 * on 1 March in common years (the later reading, so a minor stays protected for that day).
 */
export function completedYearsUtc(birthDate: Date, now: Date): number {
  let years = now.getUTCFullYear() - birthDate.getUTCFullYear();
  const bMonth = birthDate.getUTCMonth();
  const bDay = birthDate.getUTCDate();
  const nMonth = now.getUTCMonth();
  const nDay = now.getUTCDate();
  if (nMonth < bMonth || (nMonth === bMonth && nDay < bDay)) years -= 1;
  return years;
}

export function isValidDate(value: Date | null | undefined): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}
