// A platform .vsix with the server inside, as rust-analyzer and texlab ship
// theirs: the binary goes to server/sourcecheck[.exe], which the extension
// prefers to `sourcecheck.path` unset and to PATH (src/serverPath.ts).
//
//   node scripts/package-target.mjs [TARGET] [BINARY]
//
// TARGET  a vsce target: linux-x64, linux-arm64, linux-armhf, alpine-x64,
//         alpine-arm64, darwin-x64, darwin-arm64, win32-x64, win32-arm64
//         (default: this machine's)
// BINARY  sourcecheck built for TARGET (default: $SOURCECHECK_BIN, else
//         ../../target/release/sourcecheck[.exe])
//
// Writes sourcecheck-TARGET.vsix. server/ holds the binary only while vsce
// packages; it is removed afterwards, so a development build never picks up
// a stale copy.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const TARGETS = [
  "linux-x64", "linux-arm64", "linux-armhf", "alpine-x64", "alpine-arm64",
  "darwin-x64", "darwin-arm64", "win32-x64", "win32-arm64",
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const here = `${process.platform}-${process.arch === "arm" ? "armhf" : process.arch}`;
const target = process.argv[2] || here;
if (!TARGETS.includes(target)) {
  console.error(`package-target: unknown target "${target}"; one of ${TARGETS.join(", ")}`);
  process.exit(2);
}
const exe = target.startsWith("win32-") ? "sourcecheck.exe" : "sourcecheck";
const binary = path.resolve(process.argv[3] || process.env.SOURCECHECK_BIN || path.join(root, "..", "..", "target", "release", exe));
let stat;
try {
  stat = fs.statSync(binary);
} catch {
  console.error(`package-target: no server binary at ${binary} (cargo build --release, or pass BINARY)`);
  process.exit(2);
}
if (!stat.isFile()) {
  console.error(`package-target: ${binary} is not a file`);
  process.exit(2);
}

const server = path.join(root, "server");
fs.rmSync(server, { recursive: true, force: true });
fs.mkdirSync(server);
const bundled = path.join(server, exe);
fs.copyFileSync(binary, bundled);
fs.chmodSync(bundled, 0o755);
const out = `sourcecheck-${target}.vsix`;
const vsce = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "vsce.cmd" : "vsce");
const args = ["package", "--target", target, "--no-dependencies", "--skip-license", "--allow-missing-repository", "--out", out];
const run = spawnSync(vsce, args, { cwd: root, stdio: "inherit" });
fs.rmSync(server, { recursive: true, force: true });
if (run.status !== 0) {
  console.error(`package-target: vsce ${args.join(" ")} failed`);
  process.exit(run.status ?? 1);
}
console.log(`package-target: ${out} (${target}, server/${exe} from ${binary})`);
