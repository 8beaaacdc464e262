// `rightsgraph archive show HASH`: prints an archived response as it was fetched (WARC and HTTP headers,
// then the body; `--headers` for the headers only), so a journalist can show what a page said on the day.
import type { Command } from 'commander';
import { readArchived } from '../../archive/warc.ts';
import { loadConfig } from '../../config.ts';

class UsageError extends Error {
  readonly userFacing = true;
}

export function register(program: Command): void {
  const archive = program.command('archive').description('the WARC archive of fetched pages, addressed by sha256');
  archive
    .command('show')
    .description('print an archived response: WARC headers, HTTP status and headers, then the body')
    .argument('<hash>', 'the sha256 of the body (a Document’s sha256)')
    .option('--headers', 'headers only')
    .action(async (hash: string, opts: { headers?: boolean }) => {
      if (!/^[0-9a-f]{64}$/.test(hash)) throw new UsageError(`${hash} is not a sha256 (64 hex characters)`);
      const records = await readArchived(loadConfig().archiveDir, hash);
      if (!records) throw new UsageError(`the archive holds nothing with sha256 ${hash}`);
      for (const r of records) {
        process.stdout.write(`WARC-Type: ${r.type}\nWARC-Target-URI: ${r.url}\nWARC-Date: ${r.date}\n`);
        if (r.httpStatus) process.stdout.write(`${r.httpStatus}\n`);
        for (const [k, v] of Object.entries(r.httpHeaders)) process.stdout.write(`${k}: ${v}\n`);
        process.stdout.write('\n');
        if (!opts.headers && (r.type === 'response' || r.type === 'resource')) process.stdout.write(`${Buffer.from(r.body).toString('utf8')}\n`);
      }
    });
}
