// A platform package carries the server: `npm run package:target` puts the
// binary into the .vsix as extension/server/sourcecheck, executable, where
// the extension looks for it first (bundledServerPath), and marks the
// package with its target.

import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { packageRoot } from "./manifest";

interface Entry {
  name: string;
  mode: number;
  text?: string;
}

/** The entries of a zip file (vsce's own reader, yauzl), with the manifest's text. */
function entries(zip: string): Promise<Entry[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yauzl = require("yauzl");
  return new Promise((resolve, reject) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    yauzl.open(zip, { lazyEntries: true }, (err: Error | null, file: any) => {
      if (err) {
        return reject(err);
      }
      const out: Entry[] = [];
      file.on("end", () => resolve(out));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      file.on("entry", (e: any) => {
        const entry: Entry = { name: e.fileName, mode: (e.externalFileAttributes >>> 16) & 0o777 };
        out.push(entry);
        if (e.fileName !== "extension.vsixmanifest") {
          return file.readEntry();
        }
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        file.openReadStream(e, (err2: Error | null, stream: any) => {
          if (err2) {
            return reject(err2);
          }
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            entry.text = Buffer.concat(chunks).toString("utf8");
            file.readEntry();
          });
        });
      });
      file.readEntry();
    });
  });
}

describe("platform packages", () => {
  it("package:target linux-x64 puts the binary in server/, executable, and names the target", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sourcecheck-pkg-"));
    const fake = path.join(tmp, "sourcecheck");
    fs.writeFileSync(fake, "#!/bin/sh\necho sourcecheck\n", { mode: 0o644 });
    const vsix = path.join(packageRoot, "sourcecheck-linux-x64.vsix");
    fs.rmSync(vsix, { force: true });
    const run = spawnSync("node", ["scripts/package-target.mjs", "linux-x64", fake], { cwd: packageRoot, encoding: "utf8" });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    try {
      const list = await entries(vsix);
      const server = list.find((e) => e.name === "extension/server/sourcecheck");
      assert.ok(server, `no server binary in ${list.map((e) => e.name).join(", ")}`);
      assert.equal(server.mode, 0o755, "the binary is executable once installed");
      const manifest = list.find((e) => e.name === "extension.vsixmanifest")?.text ?? "";
      assert.match(manifest, /TargetPlatform="linux-x64"/);
      assert.ok(list.some((e) => e.name === "extension/dist/extension.js"));
      // the working tree keeps no copy that a development build could pick up
      assert.equal(fs.existsSync(path.join(packageRoot, "server")), false);
    } finally {
      fs.rmSync(vsix, { force: true });
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("an unknown target or a missing binary is refused by name", () => {
    const bad = spawnSync("node", ["scripts/package-target.mjs", "amiga-68k"], { cwd: packageRoot, encoding: "utf8" });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown target "amiga-68k"/);
    const none = spawnSync("node", ["scripts/package-target.mjs", "linux-x64", "/nonexistent/sourcecheck"], {
      cwd: packageRoot,
      encoding: "utf8",
    });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no server binary at \/nonexistent\/sourcecheck/);
  });
});
