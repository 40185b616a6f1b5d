const digit = (text: string, i: number) => text.charCodeAt(i) - 48;

/** ISO date `YYYY-MM-DD` as the integer YYYYMMDD: sortable, compact in typed arrays. */
export function dateKey(date: string): number {
  // digit arithmetic (no slicing, no closures): called once per bar on millions of bars
  const year = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  return year * 10000 + (digit(date, 5) * 10 + digit(date, 6)) * 100 + digit(date, 8) * 10 + digit(date, 9);
}

export function keyToDate(key: number): string {
  const y = Math.floor(key / 10000);
  const m = Math.floor(key / 100) % 100;
  const d = key % 100;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
