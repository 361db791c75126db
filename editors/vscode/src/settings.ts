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

/** The `sourcecheck.*` settings (package.json `contributes.configuration`). */
export interface SourcecheckSettings {
  /** `sourcecheck.path`: server binary; "" = bundled binary, else `sourcecheck` on PATH. */
  path: string;
  /** `sourcecheck.sources`: source folders/files; [] = the server's default (seeds/, sources/). */
  sources: string[];
  /** `sourcecheck.severity.*` */
  severity: Record<SeverityKind, Severity>;
  /** `sourcecheck.inlayHints` */
  inlayHints: boolean;
  /** `sourcecheck.trace.server` (used by the language client itself, not sent). */
  trace: { server: TraceLevel };
}

export const DEFAULT_SETTINGS: Readonly<SourcecheckSettings> = Object.freeze({
  path: "",
  sources: [],
  severity: Object.freeze({
    contradicted: "warning",
    unsourced: "information",
    supported: "hint",
    citation: "error",
  }) as Record<SeverityKind, Severity>,
  inlayHints: false,
  trace: Object.freeze({ server: "off" }) as { server: TraceLevel },
});

/** The server's `initializationOptions`, also sent as the `sourcecheck` section of
 * `workspace/didChangeConfiguration` and returned for `workspace/configuration`. */
export interface InitializationOptions {
  sources?: string[];
  severity: Record<SeverityKind, Severity>;
  inlayHints: boolean;
}

/** Reads one setting under `sourcecheck.`, like `WorkspaceConfiguration.get(key, default)`. */
export type SettingGetter = <T>(key: string, defaultValue: T) => T;

function oneOf<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
  return typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Builds validated settings from a getter (in the extension: the workspace
 * configuration of section `sourcecheck`). Invalid values fall back to defaults. */
export function readSettings(get: SettingGetter): SourcecheckSettings {
  const p = get<unknown>("path", DEFAULT_SETTINGS.path);
  const sources = get<unknown>("sources", DEFAULT_SETTINGS.sources);
  const severity = {} as Record<SeverityKind, Severity>;
  for (const kind of SEVERITY_KINDS) {
    severity[kind] = oneOf(SEVERITIES, get<unknown>(`severity.${kind}`, DEFAULT_SETTINGS.severity[kind]), DEFAULT_SETTINGS.severity[kind]);
  }
  const inlay = get<unknown>("inlayHints", DEFAULT_SETTINGS.inlayHints);
  return {
    path: typeof p === "string" ? p.trim() : "",
    sources: Array.isArray(sources) ? sources.filter((s): s is string => typeof s === "string") : [],
    severity,
    inlayHints: typeof inlay === "boolean" ? inlay : DEFAULT_SETTINGS.inlayHints,
    trace: { server: oneOf(TRACE_LEVELS, get<unknown>("trace.server", DEFAULT_SETTINGS.trace.server), "off") },
  };
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
  const options: InitializationOptions = {
    severity: { ...settings.severity },
    inlayHints: settings.inlayHints,
  };
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
