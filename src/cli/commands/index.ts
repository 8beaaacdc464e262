// The list of subcommands. Each module exports `register(program)`; add a new command here.
import type { Command } from 'commander';

export const COMMANDS: Array<(program: Command) => void> = [];
