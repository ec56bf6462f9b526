/**
 * Contact details out of text kept for admins (unanswered questions, 👎 feedback): email
 * addresses and phone numbers become placeholders. Dates, case and patent numbers stay.
 */
export function redactContact(text: string): string {
  return text
    .replace(/[^\s@<>()"'，。：；]+@[^\s@<>()"'，。：；]+\.[a-z]{2,}/giu, '[email]')
    .replace(/(?<![\w-])\+?\d[\d\s().-]{6,}\d(?![\w-])/gu, (match) => {
      const digits = match.replace(/\D/gu, '');
      // A date (2026-12-01) or a short figure is not a phone number.
      if (digits.length < 9 || /^\d{4}-\d{2}-\d{2}$/u.test(match.trim())) return match;
      return '[phone]';
    });
}
