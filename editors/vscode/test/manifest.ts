// The extension manifest, and a settings getter that answers like VS Code
// does for a user who changed nothing: each setting's declared default.

import * as fs from "node:fs";
import * as path from "node:path";
import type { SettingGetter } from "../src/settings";

// Compiled to out/test/, so the package root is two levels up.
export const packageRoot = path.resolve(__dirname, "..", "..");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const manifest: any = JSON.parse(fs.readFileSync(path.join(packageRoot, "package.json"), "utf8"));

export function manifestGetter(overrides: Record<string, unknown> = {}): SettingGetter {
  const props = manifest.contributes.configuration.properties;
  return <T>(key: string, def: T): T => {
    if (key in overrides) {
      return overrides[key] as T;
    }
    const p = props[`sourcecheck.${key}`];
    return p && "default" in p ? (p.default as T) : def;
  };
}
