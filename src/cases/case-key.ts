/** Case keys are short and speakable on the phone: CS-1042. */
const prefix = 'CS-';
const keyPattern = /^CS-([1-9]\d{0,8})$/i;

export function formatCaseKey(number: number): string {
  return `${prefix}${number}`;
}

/** Accepts `CS-12` in any letter case; returns undefined for anything else. */
export function parseCaseKey(text: string): string | undefined {
  const match = keyPattern.exec(text.trim());
  return match ? formatCaseKey(Number(match[1])) : undefined;
}
