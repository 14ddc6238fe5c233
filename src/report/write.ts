/**
 * Writes report files atomically: each goes to a temporary file in the same directory, then is
 * renamed over the target, so a reader (or a crash) never sees half a report. Problems with the
 * output directory become a ReportWriteError with a plain message for the CLI.
 */
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unwritable } from '../model/files.js';

export class ReportWriteError extends Error {
  override name = 'ReportWriteError';
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'ENOTDIR' ? 'a path component is not a directory'
      : code === 'EROFS' ? 'read-only file system'
        : code ?? String(e);
}

/** Creates `dir` when missing; fails when it exists but is not a directory or cannot be written. */
export function prepareOutDir(dir: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new ReportWriteError(`cannot use output directory "${dir}": ${reason(e)}`);
    try {
      mkdirSync(dir, { recursive: true });
      return;
    } catch (e2) {
      throw new ReportWriteError(`cannot create output directory "${dir}": ${reason(e2)}`);
    }
  }
  if (!isDir) throw new ReportWriteError(`output path "${dir}" exists and is not a directory`);
}

export function writeAtomic(dir: string, name: string, content: string): string {
  const target = join(dir, name);
  const why = unwritable(target);
  if (why) throw new ReportWriteError(`cannot write "${target}": ${why}`);
  const temp = join(dir, `.${name}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new ReportWriteError(`cannot write "${target}": ${reason(e)}`);
  }
  return target;
}
