// End-to-end: start the real server the way the extension does (`<bin> lsp`,
// initializationOptions from the extension's own settings module) and drive
// it with vscode-jsonrpc, the JSON-RPC library under vscode-languageclient.
//
// Environment: SOURCECHECK_BIN (default <repo>/target/debug/sourcecheck),
// SOURCECHECK_SEEDS (default <repo>/seeds), SOURCECHECK_TIMEOUT (seconds, default 60).

import { strict as assert } from "node:assert";
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from "vscode-jsonrpc/node";
import { buildInitializationOptions, didChangeConfigurationSettings, readSettings } from "../src/settings";
import { packageRoot, userGetter } from "./manifest";

const repo = path.resolve(packageRoot, "..", "..");
const BIN = process.env.SOURCECHECK_BIN || path.join(repo, "target", "debug", "sourcecheck");
const SEEDS = process.env.SOURCECHECK_SEEDS || path.join(repo, "seeds");
const TIMEOUT_MS = Number(process.env.SOURCECHECK_TIMEOUT || 60) * 1000;

const FIGURE = "more than 5,000 militants";
const SOURCE_FILES = ["004_373bdf90062bec4d.txt", "003_9720369bb28d1618.txt"];
const NOTE = [
  "# Foreign fighters: working notes",
  "",
  "The coalition says more than 5,000 militants remain in Iraq and Syria.",
  "",
  "At its peak, ISIS was thought to have more than 45,000 fighters in the region.",
  "",
].join("\n");

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface Diagnostic {
  range: Range;
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
}

/** Line and UTF-16 column range of `needle` in `text` (JS strings are UTF-16). */
function rangeOf(text: string, needle: string): Range {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i].indexOf(needle);
    if (c >= 0) {
      return { start: { line: i, character: c }, end: { line: i, character: c + needle.length } };
    }
  }
  throw new Error(`${needle} not in text`);
}

/** [start, end] UTF-16 spans of the sentences of `line` that contain `needle`. */
function sentencesWith(line: string, needle: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let at = line.indexOf(needle); at >= 0; at = line.indexOf(needle, at + 1)) {
    let start = 0;
    const boundary = /[.!?][”"]?\s+/g;
    let m: RegExpExecArray | null;
    while ((m = boundary.exec(line)) && m.index < at) {
      start = m.index + m[0].length;
    }
    const after = /[.!?][”"]?(\s|$)/g;
    after.lastIndex = at + needle.length;
    const e = after.exec(line);
    spans.push([start, e ? e.index + e[0].trimEnd().length : line.length]);
  }
  return spans;
}

class Server {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  readonly stderr: string[] = [];
  readonly diagnostics = new Map<string, Diagnostic[]>();
  private listeners: Array<() => void> = [];
  exited: string | undefined;

  constructor(bin: string, cwd: string) {
    this.proc = spawn(bin, ["lsp"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    this.proc.stderr!.on("data", (d: Buffer) => this.stderr.push(d.toString()));
    this.proc.on("exit", (code, signal) => {
      this.exited = `server exited (code ${code}, signal ${signal}); stderr:\n${this.stderr.join("").slice(-2000)}`;
      this.notify();
    });
    this.proc.on("error", (err) => {
      this.exited = `server failed to start: ${err.message}`;
      this.notify();
    });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification("textDocument/publishDiagnostics", (p: { uri: string; diagnostics: Diagnostic[] }) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.notify();
    });
    // Requests a client must answer (configuration, registrations, progress).
    this.conn.onRequest((method: string, params: unknown) => {
      if (method === "workspace/configuration") {
        const items = (params as { items: Array<{ section?: string }> }).items;
        return items.map((item) => (item.section === "sourcecheck" ? this.options : null));
      }
      return null;
    });
    this.conn.onNotification(() => undefined);
    this.conn.onClose(() => {
      this.exited ??= "connection closed";
      this.notify();
    });
    this.conn.listen();
  }

  options: unknown = {};

  private notify() {
    for (const l of this.listeners) {
      l();
    }
  }

  /** Resolves when `pred` returns a value; rejects on timeout or server exit. */
  waitFor<T>(what: string, pred: () => T | undefined): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const v = pred();
        if (v !== undefined) {
          done();
          resolve(v);
        } else if (this.exited) {
          done();
          reject(new Error(`${what}: ${this.exited}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}; last diagnostics: ${JSON.stringify([...this.diagnostics])}`));
      }, TIMEOUT_MS);
      const done = () => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== check);
      };
      this.listeners.push(check);
      check();
    });
  }

  /** A request that fails fast if the server dies. */
  async request<T>(method: string, params: unknown): Promise<T> {
    return Promise.race([
      this.conn.sendRequest(method, params) as Promise<T>,
      this.waitFor<never>(`response to ${method}`, () => undefined),
    ]);
  }
}

/** `initialize` params as vscode-languageclient sends them (the parts the server reads). */
function initializeParams(ws: string, initializationOptions: unknown, trace: string): Record<string, unknown> {
  const rootUri = pathToFileURL(ws).href;
  return {
    processId: process.pid,
    clientInfo: { name: "sourcecheck-vscode-test" },
    rootUri,
    rootPath: ws,
    workspaceFolders: [{ uri: rootUri, name: path.basename(ws) }],
    initializationOptions,
    capabilities: {
      general: { positionEncodings: ["utf-16"] },
      workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: true },
        hover: { contentFormat: ["markdown", "plaintext"], dynamicRegistration: true },
        definition: { linkSupport: true, dynamicRegistration: true },
        publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
        inlayHint: { dynamicRegistration: true },
      },
      window: { workDoneProgress: true },
    },
    trace,
  };
}

describe("sourcecheck lsp, started as the VS Code extension starts it", () => {
  let ws: string;
  let server: Server;
  let noteUri: string;
  let noteRange: Range;

  before(async () => {
    assert.ok(fs.existsSync(BIN), `server binary ${BIN} not found (set SOURCECHECK_BIN)`);
    assert.ok(fs.existsSync(SEEDS), `seeds folder ${SEEDS} not found (set SOURCECHECK_SEEDS)`);
    ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "sourcecheck-vscode-")));
    fs.cpSync(SEEDS, path.join(ws, "seeds"), { recursive: true });
    const notePath = path.join(ws, "notes.md");
    fs.writeFileSync(notePath, NOTE);
    noteUri = pathToFileURL(notePath).href;
    noteRange = rangeOf(NOTE, FIGURE);

    server = new Server(BIN, ws);
    // Exactly what the extension sends for a user who changed no setting.
    const settings = readSettings(userGetter());
    const initializationOptions = buildInitializationOptions(settings, { workspaceFolder: ws });
    server.options = initializationOptions;
    const init = await server.request<{ capabilities: Record<string, unknown> }>(
      "initialize",
      initializeParams(ws, initializationOptions, settings.trace.server),
    );
    assert.ok(init.capabilities, "initialize result has capabilities");
    await server.conn.sendNotification("initialized", {});
    await server.conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri: noteUri, languageId: "markdown", version: 1, text: NOTE },
    });
  });

  after(async () => {
    if (server && !server.exited) {
      try {
        await Promise.race([server.conn.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 5000))]);
        await server.conn.sendNotification("exit");
      } catch {
        // ignore
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    server?.conn.dispose();
    server?.proc.kill();
    if (ws) {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  const contradicted = () => server.diagnostics.get(noteUri)?.find((d) => d.code === "contradicted" && d.range.start.line === noteRange.start.line);

  it("publishes a Warning 'contradicted' diagnostic on exactly the figure", async () => {
    const d = await server.waitFor("a contradicted diagnostic", contradicted);
    assert.equal(d.code, "contradicted");
    assert.equal(d.severity, 2, "severity Warning");
    assert.equal(d.source, "sourcecheck");
    assert.ok(d.message.startsWith("Contradicted:"), `message starts with "Contradicted:": ${d.message}`);
    assert.deepEqual(d.range, noteRange, `range of "${FIGURE}"`);
  });

  it("hover on the figure says Contradicted and quotes the source", async () => {
    await server.waitFor("a contradicted diagnostic", contradicted);
    const position = { line: noteRange.start.line, character: noteRange.start.character + 3 };
    const hover = await server.request<{ contents: unknown } | null>("textDocument/hover", { textDocument: { uri: noteUri }, position });
    assert.ok(hover, "hover result");
    const c = hover.contents as { kind?: string; value?: string } | string | Array<string | { value: string }>;
    const text = typeof c === "string" ? c : Array.isArray(c) ? c.map((x) => (typeof x === "string" ? x : x.value)).join("\n") : (c.value ?? "");
    if (typeof c === "object" && !Array.isArray(c)) {
      assert.equal(c.kind, "markdown", "hover is Markdown");
    }
    assert.match(text, /Contradicted/);
    assert.match(text, /1,000/, "quotes the source passage");
  });

  it("definition on the figure points at the passage in the source", async () => {
    const position = { line: noteRange.start.line, character: noteRange.start.character + 3 };
    const res = await server.request<unknown>("textDocument/definition", { textDocument: { uri: noteUri }, position });
    const list = (Array.isArray(res) ? res : res ? [res] : []) as Array<{
      uri?: string;
      range?: Range;
      targetUri?: string;
      targetSelectionRange?: Range;
      targetRange?: Range;
    }>;
    assert.ok(list.length > 0, `definition returned ${JSON.stringify(res)}`);
    const first = list[0];
    const uri = first.targetUri ?? first.uri!;
    const range = first.targetSelectionRange ?? first.range!;
    assert.ok(
      SOURCE_FILES.some((f) => uri.endsWith(`/seeds/${f}`)),
      `target ${uri} is seeds/${SOURCE_FILES.join(" or seeds/")}`,
    );
    const line = fs.readFileSync(fileURLToPath(uri), "utf8").split("\n")[range.start.line] ?? "";
    const spans = sentencesWith(line, "1,000");
    const inside = (ch: number) => spans.some(([s, e]) => ch >= s && ch <= e);
    assert.ok(spans.length > 0 && inside(range.start.character), `range ${JSON.stringify(range)} starts on a sentence with "1,000": ${line}`);
    if (range.end.line === range.start.line) {
      assert.ok(inside(range.end.character), `range ${JSON.stringify(range)} ends on that sentence`);
    }
  });

  it("a plaintext note is checked too", async () => {
    const uri = pathToFileURL(path.join(ws, "notes.txt")).href;
    const text = "The coalition says more than 5,000 militants remain in Iraq and Syria.\n";
    fs.writeFileSync(fileURLToPath(uri), text);
    await server.conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "plaintext", version: 1, text } });
    const d = await server.waitFor("a contradicted diagnostic in notes.txt", () => server.diagnostics.get(uri)?.find((x) => x.code === "contradicted"));
    assert.deepEqual(d.range, rangeOf(text, FIGURE));
  });

  it("didChangeConfiguration with changed settings re-publishes with the new severities", async () => {
    await server.waitFor("a contradicted diagnostic", contradicted);
    const supportedBefore = server.diagnostics.get(noteUri)?.filter((d) => d.code === "supported") ?? [];
    const settings = readSettings(userGetter({ "severity.contradicted": "error", "severity.supported": "off" }));
    server.options = buildInitializationOptions(settings, { workspaceFolder: ws });
    await server.conn.sendNotification("workspace/didChangeConfiguration", {
      settings: didChangeConfigurationSettings(settings, { workspaceFolder: ws }),
    });
    const d = await server.waitFor("the contradicted diagnostic with severity Error", () => {
      const c = contradicted();
      return c && c.severity === 1 ? c : undefined;
    });
    assert.deepEqual(d.range, noteRange);
    if (supportedBefore.length > 0) {
      const supported = server.diagnostics.get(noteUri)?.filter((x) => x.code === "supported") ?? [];
      assert.deepEqual(supported, [], "severity.supported = off hides supported figures");
    }
  });
});

describe("a workspace's sourcecheck.toml, with a VS Code user who set nothing", () => {
  let ws: string;
  let server: Server;
  let noteUri: string;
  const text = NOTE + "Roughly 900 tourists visited the lighthouse.\n";

  before(async () => {
    ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "sourcecheck-vscode-toml-")));
    fs.cpSync(SEEDS, path.join(ws, "seeds"), { recursive: true });
    fs.writeFileSync(
      path.join(ws, "sourcecheck.toml"),
      'inlay_hints = true\n\n[severity]\nsupported = "off"\nunsourced = "warning"\n',
    );
    const notePath = path.join(ws, "notes.md");
    fs.writeFileSync(notePath, text);
    noteUri = pathToFileURL(notePath).href;
    server = new Server(BIN, ws);
    const settings = readSettings(userGetter());
    const initializationOptions = buildInitializationOptions(settings, { workspaceFolder: ws });
    server.options = initializationOptions;
    await server.request("initialize", initializeParams(ws, initializationOptions, settings.trace.server));
    await server.conn.sendNotification("initialized", {});
    await server.conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri: noteUri, languageId: "markdown", version: 1, text },
    });
  });

  after(async () => {
    server?.conn.dispose();
    server?.proc.kill();
    if (ws) {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it("keeps the file's severities and inlay hints", async () => {
    const diags = await server.waitFor("diagnostics with the unsourced figure", () => {
      const d = server.diagnostics.get(noteUri);
      return d?.some((x) => x.code === "unsourced") && d.some((x) => x.code === "contradicted") ? d : undefined;
    });
    const unsourced = diags.find((d) => d.code === "unsourced")!;
    assert.equal(unsourced.severity, 2, "unsourced = warning, from sourcecheck.toml");
    assert.deepEqual(unsourced.range, rangeOf(text, "Roughly 900 tourists"));
    assert.deepEqual(
      diags.filter((d) => d.code === "supported"),
      [],
      "supported = off, from sourcecheck.toml (the note's 45,000 is supported)",
    );
    const end = { line: text.split("\n").length, character: 0 };
    const hints = await server.request<unknown[] | null>("textDocument/inlayHint", {
      textDocument: { uri: noteUri },
      range: { start: { line: 0, character: 0 }, end },
    });
    assert.ok(Array.isArray(hints) && hints.length === 3, `inlay_hints = true, from sourcecheck.toml: ${JSON.stringify(hints)}`);
  });
});

describe("a multi-root workspace, pulled as vscode-languageclient pulls", () => {
  let top: string;
  let server: Server;
  const pace = "# Pace\n\nAbout 900 foreign fighters a month still join the group in Syria.\n";
  const other = "# Elsewhere\n\nSome 1,500 foreign fighters a month still join the group in Syria.\n";
  const uri = (rel: string) => pathToFileURL(path.join(top, rel)).href;
  type Report = { uri: string; kind: string; version: number | null; resultId?: string; items?: Diagnostic[] };
  const pull = async (previous: Array<{ uri: string; value: string }> = []) =>
    (await server.request<{ items: Report[] }>("workspace/diagnostic", { previousResultIds: previous })).items;

  before(async () => {
    top = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "sourcecheck-vscode-roots-")));
    fs.cpSync(SEEDS, path.join(top, "shared"), { recursive: true });
    for (const f of ["a", "b"]) {
      fs.mkdirSync(path.join(top, f));
      fs.writeFileSync(path.join(top, f, "sourcecheck.toml"), 'sources = ["../shared"]\n');
    }
    fs.writeFileSync(path.join(top, "b", "sourcecheck.toml"), 'sources = ["../shared"]\n[severity]\ncontradicted = "error"\n');
    fs.writeFileSync(path.join(top, "a", "briefing.md"), NOTE);
    fs.writeFileSync(path.join(top, "a", "pace.md"), pace);
    fs.writeFileSync(path.join(top, "a", "other.md"), other);
    fs.writeFileSync(path.join(top, "b", "briefing.md"), NOTE);
    server = new Server(BIN, top);
    const params = initializeParams(path.join(top, "a"), {}, "off");
    const caps = params.capabilities as { textDocument: Record<string, unknown>; workspace: Record<string, unknown> };
    // what vscode-languageclient 11 declares for pull diagnostics
    caps.textDocument.diagnostic = { dynamicRegistration: true, relatedDocumentSupport: false };
    caps.workspace.diagnostics = { refreshSupport: true };
    const init = await server.request<{ capabilities: Record<string, unknown> }>("initialize", params);
    assert.deepEqual(init.capabilities.diagnosticProvider, {
      identifier: "sourcecheck",
      interFileDependencies: true,
      workspaceDiagnostics: true,
    });
    await server.conn.sendNotification("initialized", {});
    // a document pull waits for the first index
    const probe = uri("a/pace.md");
    await server.conn.sendNotification("textDocument/didOpen", { textDocument: { uri: probe, languageId: "markdown", version: 1, text: pace } });
    await server.request("textDocument/diagnostic", { textDocument: { uri: probe } });
  });

  after(async () => {
    server?.conn.dispose();
    server?.proc.kill();
    if (top) {
      fs.rmSync(top, { recursive: true, force: true });
    }
  });

  it("lists every note of the folder, the closed ones from disk, with notes that disagree", async () => {
    const items = await pull();
    const byUri = new Map(items.map((i) => [i.uri, i]));
    assert.deepEqual([...byUri.keys()].sort(), [uri("a/briefing.md"), uri("a/other.md"), uri("a/pace.md")]);
    const closed = byUri.get(uri("a/briefing.md"))!;
    assert.equal(closed.version, null, "a note on disk has no version");
    const c = closed.items!.find((d) => d.code === "contradicted")!;
    assert.deepEqual(c.range, rangeOf(NOTE, FIGURE));
    assert.equal(c.severity, 2);
    const open = byUri.get(uri("a/pace.md"))!;
    assert.equal(open.version, 1, "an open note's report is its buffer's");
    const i = open.items!.find((d) => d.code === "inconsistent")!;
    assert.deepEqual(i.range, rangeOf(pace, "About 900 foreign fighters a month"));
    assert.equal(i.message, "Inconsistent: other.md:3:1 says Some 1,500 foreign fighters a month");
    const unchanged = await pull(items.map((r) => ({ uri: r.uri, value: r.resultId! })));
    assert.deepEqual(unchanged.map((r) => r.kind), ["unchanged", "unchanged", "unchanged"]);
  });

  it("a folder added later is read with its own sourcecheck.toml", async () => {
    await server.conn.sendNotification("workspace/didChangeWorkspaceFolders", {
      event: { added: [{ uri: uri("b"), name: "b" }], removed: [] },
    });
    let found: Report | undefined;
    for (let tries = 0; tries < 100 && !found; tries++) {
      found = (await pull()).find((r) => r.uri === uri("b/briefing.md"));
      if (!found) {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    assert.ok(found, "b's note is reported");
    const c = found.items!.find((d) => d.code === "contradicted")!;
    assert.equal(c.severity, 1, "contradicted = error, from b's sourcecheck.toml");
  });
});
