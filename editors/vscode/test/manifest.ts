// The extension manifest, and a settings getter that answers like VS Code's
// inspect() does: a value only for what the user set.

import * as fs from "node:fs";
import * as path from "node:path";
import type { SettingGetter } from "../src/settings";

// Compiled to out/test/, so the package root is two levels up.
export const packageRoot = path.resolve(__dirname, "..", "..");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const manifest: any = JSON.parse(fs.readFileSync(path.join(packageRoot, "package.json"), "utf8"));

/** The user's values as `inspect()` gives them: only `overrides` are set;
 * every other setting has its declared default and no user value. */
export function userGetter(overrides: Record<string, unknown> = {}): SettingGetter {
  return (key: string): unknown => (key in overrides ? overrides[key] : undefined);
}
