/**
 * A number the Swedish way: a decimal comma and a space between thousands ("-284,8", "275 627").
 * With `decimals`, exactly that many; without, as many as the value has, up to two ("9,79",
 * "11,5", "79"). Missing is a dash, never 0. Intl writes U+2212 for minus and a no-break space
 * between thousands; the PDFs' WinAnsi font has neither, so they become "-" and " ".
 */
export function swedishNumber(value: number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat('sv-SE', {
    minimumFractionDigits: decimals ?? 0,
    maximumFractionDigits: decimals ?? 2,
  })
    .format(value)
    .replace(/\u2212/g, '-')
    .replace(/[\u00a0\u202f]/g, ' ');
}
