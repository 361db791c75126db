// The extension's settings and what is sent to the server. No `vscode` import:
// the tests use this module directly, so what they send is what the extension
// sends.

import * as os from "node:os";
import * as path from "node:path";

export const SEVERITIES = ["error", "warning", "information", "hint", "off"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_KINDS = ["contradicted", "unsourced", "supported", "citation"] as const;
export type SeverityKind = (typeof SEVERITY_KINDS)[number];

export const TRACE_LEVELS = ["off", "messages", "verbose"] as const;
export type TraceLevel = (typeof TRACE_LEVELS)[number];

/** The `sourcecheck.*` settings (package.json `contributes.configuration`).
 * Severities and inlay hints are there only when the user set them: what is
 * not set is left to the workspace's sourcecheck.toml (and the server's
 * defaults), so the team's shared file is not overridden by the extension's
 * declared defaults. */
export interface SourcecheckSettings {
  /** `sourcecheck.path`: server binary; "" = bundled binary, else `sourcecheck` on PATH. */
  path: string;
  /** `sourcecheck.sources`: source folders/files; [] = the server's default (seeds/, sources/). */
  sources: string[];
  /** `sourcecheck.severity.*` the user set. */
  severity: Partial<Record<SeverityKind, Severity>>;
  /** `sourcecheck.inlayHints`, when the user set it. */
  inlayHints?: boolean;
  /** `sourcecheck.trace.server` (used by the language client itself, not sent). */
  trace: { server: TraceLevel };
}

/** The declared defaults (package.json). Severities and inlay hints are the
 * server's defaults too; they are never sent unless the user set them. */
export const DEFAULT_SETTINGS = Object.freeze({
  path: "",
  sources: [] as string[],
  severity: Object.freeze({
    contradicted: "warning",
    unsourced: "information",
    supported: "hint",
    citation: "error",
  }) as Readonly<Record<SeverityKind, Severity>>,
  inlayHints: false,
  trace: Object.freeze({ server: "off" }) as { server: TraceLevel },
});

/** The server's `initializationOptions`, also sent as the `sourcecheck` section of
 * `workspace/didChangeConfiguration` and returned for `workspace/configuration`. */
export interface InitializationOptions {
  sources?: string[];
  severity?: Partial<Record<SeverityKind, Severity>>;
  inlayHints?: boolean;
}

/** The value the user set for a setting under `sourcecheck.` (in any scope),
 * or `undefined` when it is not set. */
export type SettingGetter = (key: string) => unknown;

/** What `WorkspaceConfiguration.inspect()` answers, as far as it is read here. */
export interface Inspected {
  /** The declared default: never the user's value. */
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  globalLanguageValue?: unknown;
  workspaceLanguageValue?: unknown;
  workspaceFolderLanguageValue?: unknown;
}

/** The user's value of an inspected setting, the narrowest scope first;
 * `undefined` when only the declared default applies. */
export function userValue(i: Inspected | undefined): unknown {
  if (!i) {
    return undefined;
  }
  return (
    i.workspaceFolderLanguageValue ??
    i.workspaceFolderValue ??
    i.workspaceLanguageValue ??
    i.workspaceValue ??
    i.globalLanguageValue ??
    i.globalValue
  );
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | undefined {
  return typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Builds validated settings from the user's values (in the extension:
 * `inspect()` of section `sourcecheck`). Invalid values count as not set. */
export function readSettings(get: SettingGetter): SourcecheckSettings {
  const p = get("path");
  const sources = get("sources");
  const severity: Partial<Record<SeverityKind, Severity>> = {};
  for (const kind of SEVERITY_KINDS) {
    const level = oneOf(SEVERITIES, get(`severity.${kind}`));
    if (level !== undefined) {
      severity[kind] = level;
    }
  }
  const inlay = get("inlayHints");
  const settings: SourcecheckSettings = {
    path: typeof p === "string" ? p.trim() : DEFAULT_SETTINGS.path,
    sources: Array.isArray(sources) ? sources.filter((s): s is string => typeof s === "string") : [],
    severity,
    trace: { server: oneOf(TRACE_LEVELS, get("trace.server")) ?? DEFAULT_SETTINGS.trace.server },
  };
  if (typeof inlay === "boolean") {
    settings.inlayHints = inlay;
  }
  return settings;
}

export interface ExpandContext {
  /** Absolute path of the workspace folder, for `${workspaceFolder}`. */
  workspaceFolder?: string;
  /** Home directory for a leading `~` (default: os.homedir()). */
  home?: string;
}

/** Expands `~` and `${workspaceFolder}`/`${userHome}` in a path setting. */
export function expandPath(value: string, ctx: ExpandContext = {}): string {
  const home = ctx.home ?? os.homedir();
  let v = value.trim();
  v = v.replace(/\$\{userHome\}/g, home);
  if (ctx.workspaceFolder !== undefined) {
    v = v.replace(/\$\{workspaceFolder\}/g, ctx.workspaceFolder);
  }
  if (v === "~") {
    return home;
  }
  if (v.startsWith("~/") || v.startsWith("~" + path.sep)) {
    return path.join(home, v.slice(2));
  }
  return v;
}

/** The `initializationOptions` object the server understands. */
export function buildInitializationOptions(settings: SourcecheckSettings, ctx: ExpandContext = {}): InitializationOptions {
  const options: InitializationOptions = {};
  if (Object.keys(settings.severity).length > 0) {
    options.severity = { ...settings.severity };
  }
  if (settings.inlayHints !== undefined) {
    options.inlayHints = settings.inlayHints;
  }
  const sources = settings.sources.map((s) => expandPath(s, ctx)).filter((s) => s.length > 0);
  if (sources.length > 0) {
    options.sources = sources;
  }
  return options;
}

/** `params.settings` of a `workspace/didChangeConfiguration` notification. */
export function didChangeConfigurationSettings(settings: SourcecheckSettings, ctx: ExpandContext = {}): {
  sourcecheck: InitializationOptions;
} {
  return { sourcecheck: buildInitializationOptions(settings, ctx) };
}
