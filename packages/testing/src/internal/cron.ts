/** A small 5-field cron reader (minute hour day-of-month month day-of-week) for schedule next_runs. */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface Field {
  values: Set<number>;
  any: boolean;
}

export interface Cron {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
}

function parseField(text: string, min: number, max: number, names?: string[], offset = 0): Field | undefined {
  const values = new Set<number>();
  const value = (s: string): number | undefined => {
    const i = names?.indexOf(s.toLowerCase()) ?? -1;
    if (i >= 0) return i + offset;
    if (!/^\d+$/.test(s)) return undefined;
    return Number(s);
  };
  for (const part of text.split(',')) {
    const m = /^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:\/(\d+))?$/i.exec(part);
    if (!m) return undefined;
    const step = m[2] === undefined ? 1 : Number(m[2]);
    if (step < 1) return undefined;
    let lo: number | undefined;
    let hi: number | undefined;
    if (m[1] === '*') {
      lo = min;
      hi = max;
    } else if (m[1]!.includes('-')) {
      const [a, b] = m[1]!.split('-');
      lo = value(a!);
      hi = value(b!);
    } else {
      lo = value(m[1]!);
      hi = m[2] === undefined ? lo : max;
    }
    if (lo === undefined || hi === undefined || lo < min || hi > max || lo > hi) return undefined;
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return { values, any: text === '*' };
}

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export function parseCron(expression: string): Cron | undefined {
  const text = MACROS[expression.trim().toLowerCase()] ?? expression.trim();
  const parts = text.split(/\s+/);
  if (parts.length !== 5) return undefined;
  const minute = parseField(parts[0]!, 0, 59);
  const hour = parseField(parts[1]!, 0, 23);
  const dom = parseField(parts[2]!, 1, 31);
  const month = parseField(parts[3]!, 1, 12, MONTHS, 1);
  const dow = parseField(parts[4]!, 0, 7, DAYS, 0);
  if (!minute || !hour || !dom || !month || !dow) return undefined;
  if (dow.values.has(7)) dow.values.add(0);
  return { minute, hour, dom, month, dow };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** undefined when the runtime does not know the IANA time zone. */
function formatter(timeZone: string): Intl.DateTimeFormat | undefined {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      return undefined;
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(timeZone: string): boolean {
  return formatter(timeZone) !== undefined;
}

/** Offset of the zone from UTC at instant t, in ms (wall clock − UTC). */
function offsetAt(f: Intl.DateTimeFormat, t: number): number {
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(t))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
  return wall - Math.floor(t / 1000) * 1000;
}

/** The next `count` instants (ms) after `from` at which the cron fires in `timeZone`. */
export function nextRuns(cron: Cron, timeZone: string, from: number, count: number): number[] {
  const f = formatter(timeZone) ?? formatter('UTC')!;
  const out: number[] = [];
  // Walk wall-clock days in the zone, starting with the day `from` falls on.
  const startWall = from + offsetAt(f, from);
  const day0 = Date.UTC(
    new Date(startWall).getUTCFullYear(),
    new Date(startWall).getUTCMonth(),
    new Date(startWall).getUTCDate(),
  );
  const hours = [...cron.hour.values].sort((a, b) => a - b);
  const minutes = [...cron.minute.values].sort((a, b) => a - b);
  for (let d = 0; d < 366 * 5 && out.length < count; d++) {
    const dayStart = day0 + d * 86_400_000;
    const date = new Date(dayStart);
    if (!cron.month.values.has(date.getUTCMonth() + 1)) continue;
    const domOk = cron.dom.values.has(date.getUTCDate());
    const dowOk = cron.dow.values.has(date.getUTCDay());
    const dayOk = cron.dom.any || cron.dow.any ? domOk && dowOk : domOk || dowOk;
    if (!dayOk) continue;
    for (const h of hours) {
      for (const m of minutes) {
        const wall = dayStart + h * 3_600_000 + m * 60_000;
        let t = wall - offsetAt(f, wall);
        t = wall - offsetAt(f, t);
        if (t > from && out.length < count && !out.includes(t)) out.push(t);
      }
    }
  }
  return out;
}
