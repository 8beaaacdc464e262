// The list of subcommands. Each module exports `register(program)`; add a new command here.
import type { Command } from 'commander';
import { register as init } from './init.ts';
import { register as stats } from './stats.ts';
import { register as exportCmd } from './export.ts';
import { register as importCmd } from './import.ts';
import { register as seed } from './seed.ts';
import { register as extractCmd } from './extract.ts';
import { register as ingest } from './ingest.ts';
import { register as serve } from './serve.ts';
import { register as migrate } from './migrate.ts';
import { register as crawl } from './crawl.ts';
import { register as archive } from './archive.ts';
import { register as correct } from './correct.ts';
import { register as dossier } from './dossier.ts';
import { register as recover } from './recover.ts';

export const COMMANDS: Array<(program: Command) => void> = [init, stats, exportCmd, importCmd, seed, serve, extractCmd, ingest, correct, crawl, archive, migrate, dossier, recover];
