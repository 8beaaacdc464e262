// The Legal Entity Identifier's own check (ISO 17442): 18 characters and two check digits, the whole read
// as a number (letters A=10 … Z=35) leaving 1 modulo 97 (ISO 7064 MOD 97-10, as IBANs). A typo in one
// character always fails it, so a record naming a mistyped LEI is refused, not linked to a stranger.
function mod97(s: string): number {
  let rest = 0;
  for (const ch of s) {
    const v = ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
    rest = (rest * (v > 9 ? 100 : 10) + v) % 97;
  }
  return rest;
}

export function isLei(s: string): boolean {
  return /^[A-Z0-9]{18}[0-9]{2}$/.test(s) && mod97(s) === 1;
}

/** The two check digits that make an 18-character prefix an LEI (for generated test and bench data). */
export function withCheckDigits(prefix18: string): string {
  return `${prefix18}${String(98 - mod97(`${prefix18}00`)).padStart(2, '0')}`;
}
