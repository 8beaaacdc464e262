// The URL a `rightsgraph start`/`serve` child prints once it listens ("GraphQL at http://…/graphql").
import type { ChildProcess } from 'node:child_process';

export function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b) => {
      out += String(b);
      const m = /GraphQL at (http:\/\/[^\s/]+)\/graphql/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening`)));
  });
}
