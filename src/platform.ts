/**
 * Every decision that depends on the operating system, in one table keyed by `process.platform`. Callers take the
 * platform as a parameter (the front-ends pass `process.platform`), so the Windows and macOS branches are decided in
 * code and tested on Linux. Pure.
 */
import { posix, win32, type PlatformPath } from 'node:path';
import type { Env } from './config/sources/inputs.js';

export type Platform = NodeJS.Platform;

export interface PlatformTraits {
  /** node:path's rules for this platform: drive letters and backslashes on Windows, `/` elsewhere. */
  path: PlatformPath;
  /**
   * How the CLI cache proves its files private: Unix owner and mode bits, or (Windows, where Node reports no
   * meaningful mode bits) a directory inside the user's own profile, which Windows' default ACL gives that user alone.
   */
  cachePrivacy: 'mode-bits' | 'per-user-directory';
  /**
   * How a `credential_process` line is read back: POSIX (`/bin/sh` for the JS SDK, shlex for botocore), or Windows
   * (`cmd.exe /d /s /c` for the JS SDK, botocore's own splitter with the C runtime's rules).
   */
  commandLine: 'posix' | 'windows';
  /**
   * Where a process's start time, owner and command line can be read to prove a pid is still the process started
   * earlier: Linux's /proc, or nowhere this code reads (a pid alone is then never signalled).
   */
  processTable: 'procfs' | 'none';
}

export function platformTraits(platform: Platform): PlatformTraits {
  const windows = platform === 'win32';
  return {
    path: windows ? win32 : posix,
    cachePrivacy: windows ? 'per-user-directory' : 'mode-bits',
    commandLine: windows ? 'windows' : 'posix',
    processTable: platform === 'linux' ? 'procfs' : 'none',
  };
}

/**
 * Where the CLI keeps its cache by default: `%LOCALAPPDATA%` on Windows (per user, never roamed), else
 * `$XDG_CACHE_HOME` or `~/.cache`. `root` is the directory the Windows privacy check requires entries to lie in.
 */
export function cacheHome(platform: Platform, env: Env, homeDir: string): { dir: string; root: string } {
  const { path } = platformTraits(platform);
  const root =
    platform === 'win32'
      ? env['LOCALAPPDATA'] || path.join(homeDir, 'AppData', 'Local')
      : env['XDG_CACHE_HOME'] || path.join(homeDir, '.cache');
  return { dir: path.join(root, 'aws-short-lived-credentials'), root };
}
