// Unit tests of the vscode-free modules: settings -> initializationOptions,
// package.json contributions, server binary resolution.

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import {
  DEFAULT_SETTINGS,
  SEVERITY_KINDS,
  buildInitializationOptions,
  didChangeConfigurationSettings,
  readSettings,
  userValue,
} from "../src/settings";
import { bundledServerPath, resolveServerPath } from "../src/serverPath";
import { manifest, packageRoot, userGetter } from "./manifest";

describe("settings", () => {
  it("package.json declares every setting with the module's defaults", () => {
    const props = manifest.contributes.configuration.properties;
    const expected: Record<string, unknown> = {
      "sourcecheck.path": DEFAULT_SETTINGS.path,
      "sourcecheck.sources": DEFAULT_SETTINGS.sources,
      "sourcecheck.inlayHints": DEFAULT_SETTINGS.inlayHints,
      "sourcecheck.trace.server": DEFAULT_SETTINGS.trace.server,
    };
    for (const kind of SEVERITY_KINDS) {
      expected[`sourcecheck.severity.${kind}`] = DEFAULT_SETTINGS.severity[kind];
    }
    assert.deepEqual(Object.keys(props).sort(), Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) {
      assert.deepEqual(props[key].default, value, key);
    }
  });

  it("package.json decides on every dependency's install script, so npm ci warns of none", () => {
    const lock = JSON.parse(fs.readFileSync(path.join(packageRoot, "package-lock.json"), "utf8"));
    const withScripts = Object.entries(lock.packages as Record<string, { hasInstallScript?: boolean }>)
      .filter(([, p]) => p.hasInstallScript)
      .map(([where]) => where.slice(where.lastIndexOf("node_modules/") + "node_modules/".length))
      .sort();
    assert.deepEqual(withScripts, ["@vscode/vsce-sign", "esbuild", "keytar"]);
    // denied: the build uses esbuild's platform package as installed (no postinstall needed), packaging
    // neither signs (vsce-sign) nor stores publishing credentials (keytar, optional, not installed on Linux)
    assert.deepEqual(manifest.allowScripts, { esbuild: false, "@vscode/vsce-sign": false, keytar: false });
  });

  it("package.json declares the commands and activation", () => {
    const commands = manifest.contributes.commands.map((c: { command: string; title: string }) => [c.command, c.title]);
    assert.deepEqual(commands, [
      ["sourcecheck.restart", "Restart server"],
      ["sourcecheck.showOutput", "Show output"],
    ]);
    assert.deepEqual(manifest.activationEvents, ["onLanguage:markdown", "onLanguage:plaintext"]);
    assert.equal(manifest.main, "./dist/extension.js");
  });

  it("a user who set nothing sends nothing, so sourcecheck.toml decides", () => {
    const opts = buildInitializationOptions(readSettings(userGetter()));
    assert.deepEqual(opts, {});
    assert.deepEqual(didChangeConfigurationSettings(readSettings(userGetter())), { sourcecheck: {} });
  });

  it("only the settings the user set are sent, a default-valued one too", () => {
    const s = readSettings(userGetter({ "severity.unsourced": "information", inlayHints: false }));
    assert.deepEqual(buildInitializationOptions(s), { severity: { unsourced: "information" }, inlayHints: false });
  });

  it("a user value is read from the narrowest scope that has one, never the declared default", () => {
    const defaultOnly = { key: "sourcecheck.severity.supported", defaultValue: "hint" };
    assert.equal(userValue(defaultOnly), undefined);
    assert.equal(userValue(undefined), undefined);
    assert.equal(userValue({ globalValue: "off", workspaceValue: "error" }), "error");
    assert.equal(userValue({ globalValue: "off", workspaceValue: "error", workspaceFolderValue: "hint" }), "hint");
    assert.equal(userValue({ globalValue: false }), false);
  });

  it("passes sources, severities and inlay hints through", () => {
    const s = readSettings(
      userGetter({
        sources: ["articles", "~/more", "${workspaceFolder}/x", ""],
        "severity.supported": "off",
        "severity.contradicted": "error",
        inlayHints: true,
      }),
    );
    const opts = buildInitializationOptions(s, { workspaceFolder: "/ws", home: "/home/u" });
    assert.deepEqual(opts, {
      sources: ["articles", path.join("/home/u", "more"), "/ws/x"],
      severity: { contradicted: "error", supported: "off" },
      inlayHints: true,
    });
    assert.deepEqual(didChangeConfigurationSettings(s, { workspaceFolder: "/ws", home: "/home/u" }), { sourcecheck: opts });
  });

  it("invalid values fall back to defaults", () => {
    const s = readSettings(userGetter({ "severity.unsourced": "loud", sources: "seeds", inlayHints: "yes", "trace.server": 3 }));
    assert.equal(s.severity.unsourced, undefined);
    assert.deepEqual(s.sources, []);
    assert.equal(s.inlayHints, undefined);
    assert.equal(s.trace.server, "off");
  });
});

describe("server path", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sourcecheck-path-"));
  const ext = path.join(tmp, "ext");
  const bin = path.join(tmp, "bin");
  fs.mkdirSync(path.join(ext, "server"), { recursive: true });
  fs.mkdirSync(bin);
  const onPath = path.join(bin, "sourcecheck");
  fs.writeFileSync(onPath, "#!/bin/sh\n", { mode: 0o755 });

  it("uses sourcecheck on PATH when nothing is bundled or set", () => {
    assert.deepEqual(resolveServerPath({ configured: "", extensionPath: ext, envPath: bin, platform: "linux" }), {
      ok: true,
      command: onPath,
      origin: "path",
    });
  });

  it("prefers the bundled server/sourcecheck", () => {
    const bundled = bundledServerPath(ext, "linux");
    fs.writeFileSync(bundled, "#!/bin/sh\n", { mode: 0o755 });
    try {
      assert.deepEqual(resolveServerPath({ configured: "", extensionPath: ext, envPath: bin, platform: "linux" }), {
        ok: true,
        command: bundled,
        origin: "bundled",
      });
    } finally {
      fs.rmSync(bundled);
    }
  });

  it("the setting wins", () => {
    const custom = path.join(tmp, "custom-sourcecheck");
    fs.writeFileSync(custom, "#!/bin/sh\n", { mode: 0o755 });
    assert.deepEqual(resolveServerPath({ configured: custom, extensionPath: ext, envPath: bin, platform: "linux" }), {
      ok: true,
      command: custom,
      origin: "setting",
    });
  });

  it("names the setting when no binary is found", () => {
    const r = resolveServerPath({ configured: "", extensionPath: ext, envPath: path.join(tmp, "empty"), platform: "linux" });
    assert.equal(r.ok, false);
    assert.match(r.ok ? "" : r.message, /"sourcecheck\.path"/);
    const r2 = resolveServerPath({ configured: "/nope/sourcecheck", extensionPath: ext, envPath: bin, platform: "linux" });
    assert.equal(r2.ok, false);
    assert.match(r2.ok ? "" : r2.message, /"sourcecheck\.path"/);
  });
});
