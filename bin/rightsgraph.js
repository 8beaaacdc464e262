#!/usr/bin/env node
// The `rightsgraph` command: runs the TypeScript CLI through tsx's loader, so no build step stands
// between a clone and a working command.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
