// A worker thread's entry: registers tsx's loader in this thread (a worker does not inherit the main
// thread's), then runs the TypeScript module `workerData.module` names.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.module);
