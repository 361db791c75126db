// Loads the bundled extension (dist/extension.js) with a stand-in for the
// `vscode` module and checks activation: commands registered, and an error
// naming "sourcecheck.path" when no server binary can be found.

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { packageRoot } from "./manifest";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = require("node:module") as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };

/** Anything: every property, call and `new` gives another stand-in. */
function anything(): unknown {
  const fn = function () {
    /* stand-in */
  };
  return new Proxy(fn, {
    get: (_t, prop) => (prop === "then" ? undefined : prop === Symbol.toPrimitive ? () => "" : anything()),
    apply: () => anything(),
    construct: () => anything() as object,
  });
}

interface Recorded {
  errors: string[];
  commands: string[];
}

function vscodeStub(settings: Record<string, unknown>, rec: Recorded): unknown {
  const disposable = { dispose() {} };
  const log = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, appendLine() {}, append() {}, show() {}, dispose() {} };
  const overrides: Record<string, unknown> = {
    window: {
      createOutputChannel: () => log,
      showErrorMessage: async (msg: string) => {
        rec.errors.push(msg);
        return undefined;
      },
      showInformationMessage: async () => undefined,
      showWarningMessage: async () => undefined,
    },
    workspace: {
      workspaceFolders: undefined,
      // as VS Code answers: a user value only for what was set
      getConfiguration: () => ({
        get: <T>(key: string, def: T): T => (key in settings ? (settings[key] as T) : def),
        inspect: (key: string) => ({ key, ...(key in settings ? { globalValue: settings[key] } : {}) }),
      }),
      onDidChangeConfiguration: () => disposable,
    },
    commands: {
      registerCommand: (id: string) => {
        rec.commands.push(id);
        return disposable;
      },
      executeCommand: async () => undefined,
    },
  };
  // Own keys are the overrides (esbuild's ESM interop copies own properties);
  // anything else the language client touches is a stand-in.
  return new Proxy(overrides, {
    get: (target, prop) => (typeof prop === "string" && prop in target ? target[prop] : anything()),
  });
}

async function activateWith(settings: Record<string, unknown>, envPath: string): Promise<Recorded> {
  const rec: Recorded = { errors: [], commands: [] };
  const stub = vscodeStub(settings, rec);
  const original = Module._load;
  const savedPath = process.env.PATH;
  const bundle = path.join(packageRoot, "dist", "extension.js");
  Module._load = function (request: string, parent: unknown, isMain: boolean) {
    return request === "vscode" ? stub : original.call(this, request, parent, isMain);
  };
  try {
    process.env.PATH = envPath;
    delete require.cache[bundle];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ext = require(bundle) as { activate: (ctx: unknown) => Promise<void>; deactivate: () => Promise<void> };
    const extensionPath = fs.mkdtempSync(path.join(os.tmpdir(), "sourcecheck-ext-"));
    await ext.activate({ extensionPath, subscriptions: [] });
    await ext.deactivate();
  } finally {
    Module._load = original;
    process.env.PATH = savedPath;
  }
  return rec;
}

describe("extension activation (dist/extension.js)", () => {
  it("registers the commands and names sourcecheck.path when no binary is found", async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "sourcecheck-nopath-"));
    const rec = await activateWith({}, empty);
    assert.deepEqual(rec.commands.sort(), ["sourcecheck.restart", "sourcecheck.showOutput"]);
    assert.equal(rec.errors.length, 1, `one error message: ${JSON.stringify(rec.errors)}`);
    assert.match(rec.errors[0], /"sourcecheck\.path"/);
  });

  it("names sourcecheck.path when the configured binary does not exist", async () => {
    const rec = await activateWith({ path: "/nonexistent/sourcecheck" }, "");
    assert.equal(rec.errors.length, 1, `one error message: ${JSON.stringify(rec.errors)}`);
    assert.match(rec.errors[0], /\/nonexistent\/sourcecheck/);
    assert.match(rec.errors[0], /"sourcecheck\.path"/);
  });
});
