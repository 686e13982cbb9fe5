// The one error the emit phase throws: a plain sentence on what could not be written and why, and a hint.

export class EmitError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** A failure of the file system, said plainly; an EmitError passes as it is. */
export function asEmitError(cause: unknown, shownOut: string): EmitError {
  if (cause instanceof EmitError) return cause;
  const code = (cause as NodeJS.ErrnoException).code;
  const reason = (() => {
    switch (code) {
      case 'EACCES':
      case 'EPERM':
        return 'permission denied';
      case 'ENOSPC':
        return 'the disk is full';
      case 'EROFS':
        return 'the disk is read-only';
      case 'ENAMETOOLONG':
        return 'a file or folder name in that path is too long';
      case 'ENOTDIR':
        return 'part of that path is a file, not a folder';
      case 'ELOOP':
        return 'that path goes round a loop of symbolic links';
      case 'EDQUOT':
        return 'your disk quota is used up';
      default:
        return (cause as Error).message ?? String(cause);
    }
  })();
  return new EmitError(`Could not write the output to ${shownOut}: ${reason}.`, 'Check that you can write to that folder, or choose another with --out.');
}
