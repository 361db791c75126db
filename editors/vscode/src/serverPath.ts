// Where the server binary is. No `vscode` import (unit-tested).

import * as fs from "node:fs";
import * as path from "node:path";
import { expandPath, ExpandContext } from "./settings";

export type Resolution =
  | { ok: true; command: string; origin: "setting" | "bundled" | "path" }
  | { ok: false; message: string };

export interface ResolveOptions extends ExpandContext {
  /** Value of `sourcecheck.path` ("" = not set). */
  configured: string;
  /** Root folder of the installed extension (holds server/ when bundled). */
  extensionPath: string;
  /** PATH to search (default process.env.PATH). */
  envPath?: string;
  platform?: NodeJS.Platform;
  /** Test hook. */
  isExecutable?: (file: string) => boolean;
}

export const SETTING = "sourcecheck.path";

function defaultIsExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) {
      return false;
    }
    if (process.platform === "win32") {
      return true;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function binaryName(platform: NodeJS.Platform = process.platform): string {
  return platform === "win32" ? "sourcecheck.exe" : "sourcecheck";
}

/** The bundled binary: `<extension>/server/sourcecheck[.exe]`. */
export function bundledServerPath(extensionPath: string, platform: NodeJS.Platform = process.platform): string {
  return path.join(extensionPath, "server", binaryName(platform));
}

export function findOnPath(name: string, envPath: string, platform: NodeJS.Platform, isExecutable: (f: string) => boolean): string | undefined {
  const sep = platform === "win32" ? ";" : ":";
  for (const dir of envPath.split(sep)) {
    if (!dir) {
      continue;
    }
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/**
 * `sourcecheck.path` if set; else the binary bundled at server/sourcecheck in
 * the extension; else `sourcecheck` on PATH; else an error naming the setting.
 */
export function resolveServerPath(opts: ResolveOptions): Resolution {
  const platform = opts.platform ?? process.platform;
  const isExecutable = opts.isExecutable ?? defaultIsExecutable;
  const envPath = opts.envPath ?? process.env.PATH ?? "";
  const configured = expandPath(opts.configured ?? "", opts);
  if (configured) {
    if (configured.includes("/") || configured.includes("\\")) {
      const abs = path.isAbsolute(configured) || !opts.workspaceFolder ? configured : path.join(opts.workspaceFolder, configured);
      if (isExecutable(abs)) {
        return { ok: true, command: abs, origin: "setting" };
      }
      return {
        ok: false,
        message: `sourcecheck: the server binary "${abs}" set in "${SETTING}" does not exist or is not executable. Fix the "${SETTING}" setting.`,
      };
    }
    const found = findOnPath(configured, envPath, platform, isExecutable);
    if (found) {
      return { ok: true, command: found, origin: "setting" };
    }
    return {
      ok: false,
      message: `sourcecheck: "${configured}" (the "${SETTING}" setting) was not found on PATH. Set "${SETTING}" to the full path of the sourcecheck binary.`,
    };
  }
  const bundled = bundledServerPath(opts.extensionPath, platform);
  if (isExecutable(bundled)) {
    return { ok: true, command: bundled, origin: "bundled" };
  }
  const onPath = findOnPath(binaryName(platform), envPath, platform, isExecutable);
  if (onPath) {
    return { ok: true, command: onPath, origin: "path" };
  }
  return {
    ok: false,
    message: `sourcecheck: the server binary was not found (no bundled server/${binaryName(platform)}, no "${binaryName(platform)}" on PATH). Install sourcecheck or set "${SETTING}" to the binary.`,
  };
}
