/** English for messages made by the server: a count with its noun in the right number ("1 field", "2 fields"). */
export const countNoun = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
