/**
 * A customer's follow-up within the grouping window joins their open case instead of opening a
 * new one: people often send a problem as three quick messages.
 */
export function joinsOpenCase(lastCustomerActivityAt: Date, messageAt: Date, windowMinutes: number): boolean {
  const elapsed = messageAt.getTime() - lastCustomerActivityAt.getTime();
  return elapsed >= 0 && elapsed <= windowMinutes * 60_000;
}
