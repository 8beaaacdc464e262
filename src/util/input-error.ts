// The error of input the user gives (a missing file, a bad option, a malformed line): the CLI prints its
// message as one line, never a stack. Its own module, so commands can throw it without loading a parser.
export class InputError extends Error {
  readonly userFacing = true;
}
