// A time limit per operation: past it the client gets a clear `TIMEOUT` error instead of waiting on, and
// the server goes on answering others. The limits on cost and list sizes bound what one request may ask;
// this bounds how long the asker waits when the graph makes it slow anyway (a hub many hops away, a slow
// Neo4j). Work already handed to the store finishes in the background; its answer is dropped. The timer
// fires when the event loop gets a turn: store calls that wait on I/O give it one, and long loops in the
// searches yield (exposedTo every few hundred candidates).
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export const DEFAULT_TIME_LIMIT_MS = 30_000;

export function useTimeLimit(ms = DEFAULT_TIME_LIMIT_MS): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<{ errors: GraphQLError[] }>((resolve) => {
          timer = setTimeout(
            () => resolve({ errors: [new GraphQLError(`the request took longer than ${ms / 1000} s and was stopped: ask for fewer hops, smaller pages or a narrower filter`, { extensions: { code: 'TIMEOUT' } })] }),
            ms,
          );
        });
        return Promise.race([Promise.resolve(executeFn(args)).finally(() => clearTimeout(timer)), late]) as ReturnType<typeof executeFn>;
      });
    },
  };
}
