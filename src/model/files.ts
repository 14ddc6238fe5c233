/**
 * The only way Faultline reads or writes a file named by the user or by a file: a FIFO, a device
 * (`/dev/zero`), a socket or a directory must never be read (it would hang or exhaust memory) nor
 * written, and a file must not be read past its size limit even if it grows while we read it.
 * Reads open with O_NONBLOCK (opening a FIFO would otherwise wait for a writer), then check the
 * open file itself (fstat, so a swap between check and read cannot slip a device in).
 */
import { closeSync, constants, fstatSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** `tooBig`: over the size limit, which the caller may offer to raise. */
export type Read = { readonly bytes: Buffer; readonly error?: undefined } | { readonly bytes?: undefined; readonly error: string; readonly tooBig?: true };

function kind(st: Stats): string {
  return st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'not a regular file';
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'ENOTDIR' ? 'a path component is not a directory' : `cannot read file (${code ?? 'unknown error'})`;
}

/** The bytes of a regular file of at most `maxBytes`, or why not (`what` names it: "graph file"). */
export function readRegularFile(file: string, maxBytes: number, what = 'file'): Read {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code === 'EISDIR' ? `is a directory, not a ${what}` : reason(e) };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { error: `is a directory, not a ${what}` };
    if (!st.isFile()) return { error: `is not a regular file (${kind(st)}); not read` };
    if (st.size > maxBytes) return { error: `file is ${st.size} bytes, over the ${maxBytes}-byte limit`, tooBig: true };
    const buf = Buffer.alloc(st.size + 1);
    let n = 0;
    for (let got = 1; got > 0 && n < buf.length;) n += got = readSync(fd, buf, n, buf.length - n, null);
    // One byte more than fstat said: the file grows while we read; never read past the limit.
    if (n > st.size) return { error: `file grew while being read (limit ${maxBytes} bytes)` };
    return { bytes: buf.subarray(0, n) };
  } catch (e) {
    return { error: reason(e) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Why `file` must not be written (a directory, a FIFO, a device, a socket), or undefined when it is
 * a regular file or a new path. Checked for every target before anything is written.
 */
export function unwritable(file: string): string | undefined {
  let st: Stats;
  try {
    st = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? undefined : code === 'ENOTDIR' ? 'a path component is not a directory' : `cannot use it (${code ?? 'unknown error'})`;
  }
  if (st.isDirectory()) return 'is a directory';
  return st.isFile() ? undefined : `is ${kind(st)}, not a regular file; not written`;
}

/** Writes through a temporary file renamed over the target: no reader ever sees half a file. */
export function writeRegularFile(file: string, content: string): void {
  const problem = unwritable(file);
  if (problem) throw new Error(problem);
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, content, { flag: 'wx' });
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'its directory does not exist' : code ?? String(e));
  }
}
