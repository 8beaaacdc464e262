// A lookup table without Object.prototype, for tables keyed by words of a text: "constructor" or
// "toString" in a document must find nothing, where a plain object literal would answer with a function.
export const lookup = <T>(o: Record<string, T>): Record<string, T> => Object.assign(Object.create(null) as Record<string, T>, o);
