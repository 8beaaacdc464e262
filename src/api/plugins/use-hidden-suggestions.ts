// In production, no "Did you mean …?" in any error: field names at validation, enum values in literals and
// in variables (coerced at execution, where Armor's own mask does not reach), so a schema with
// introspection off cannot be read back from typos.
import type { Plugin } from 'graphql-yoga';

/** The message without its "Did you mean …?" sentences (a scan, not a regex: linear on any message). */
export function withoutSuggestions(message: string): string {
  let out = '';
  let at = 0;
  for (let i = message.indexOf('Did you mean', at); i >= 0; i = message.indexOf('Did you mean', at)) {
    const q = message.indexOf('?', i);
    out += message.slice(at, i);
    at = q < 0 ? message.length : q + 1;
  }
  return (out + message.slice(at)).replace(/ {2,}/g, ' ').trimEnd();
}

function hide(result: unknown): void {
  if (Array.isArray(result)) return result.forEach(hide);
  const errors = (result as { errors?: Array<{ message: string }> } | null)?.errors;
  for (const e of errors ?? []) e.message = withoutSuggestions(e.message);
}

export function useHiddenSuggestions(): Plugin {
  return {
    onResultProcess({ result }) {
      hide(result);
    },
  };
}
