import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";
import {
  ExpandContext,
  SourcecheckSettings,
  buildInitializationOptions,
  didChangeConfigurationSettings,
  readSettings,
  userValue,
} from "./settings";
import { SETTING, resolveServerPath } from "./serverPath";

const CLIENT_ID = "sourcecheck";
const CLIENT_NAME = "sourcecheck";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let starting: Promise<void> | undefined;

function currentSettings(scope?: vscode.ConfigurationScope): SourcecheckSettings {
  const config = vscode.workspace.getConfiguration("sourcecheck", scope);
  // inspect(), not get(): a declared default is not the user's setting, and
  // must not override the workspace's sourcecheck.toml
  return readSettings((key: string) => userValue(config.inspect(key)));
}

function expandContext(): ExpandContext {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder && folder.uri.scheme === "file" ? { workspaceFolder: folder.uri.fsPath } : {};
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const settings = currentSettings();
  const resolved = resolveServerPath({
    configured: settings.path,
    extensionPath: context.extensionPath,
    ...expandContext(),
  });
  if (!resolved.ok) {
    output?.error(resolved.message);
    const choice = await vscode.window.showErrorMessage(resolved.message, "Open Settings");
    if (choice === "Open Settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", SETTING);
    }
    return;
  }
  output?.info(`Starting ${resolved.command} lsp (${resolved.origin})`);

  // No `transport`: the server speaks LSP on stdio, and a TransportKind would
  // make the client append `--stdio`.
  const serverOptions: ServerOptions = {
    command: resolved.command,
    args: ["lsp"],
    options: { env: process.env },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "plaintext" },
    ],
    initializationOptions: buildInitializationOptions(settings, expandContext()),
    outputChannel: output,
    traceOutputChannel: output,
    middleware: {
      workspace: {
        // Answer workspace/configuration for section `sourcecheck` with the
        // same object as initializationOptions.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) {
            return result;
          }
          return params.items.map((item, i) => {
            if (item.section === "sourcecheck") {
              const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
              return buildInitializationOptions(currentSettings(scope), expandContext());
            }
            return result[i];
          });
        },
      },
    },
  };

  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    const message = `sourcecheck: the server (${resolved.command} lsp) failed to start: ${err instanceof Error ? err.message : String(err)}. Check the "${SETTING}" setting.`;
    output?.error(message);
    void vscode.window.showErrorMessage(message, "Show Output").then((c) => c && output?.show(true));
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop(5000);
    } catch (err) {
      output?.warn(`stopping the server: ${String(err)}`);
    }
    try {
      await c.dispose();
    } catch {
      // already gone
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  if (starting) {
    await starting;
  }
  starting = (async () => {
    await stop();
    await start(context);
  })();
  try {
    await starting;
  } finally {
    starting = undefined;
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("sourcecheck", { log: true });
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand("sourcecheck.restart", () => restart(context)),
    vscode.commands.registerCommand("sourcecheck.showOutput", () => output?.show(true)),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration("sourcecheck")) {
        return;
      }
      if (e.affectsConfiguration("sourcecheck.path") || !client) {
        await restart(context);
        return;
      }
      // sourcecheck.trace.server is handled by the language client itself.
      if (
        e.affectsConfiguration("sourcecheck.sources") ||
        e.affectsConfiguration("sourcecheck.severity") ||
        e.affectsConfiguration("sourcecheck.inlayHints")
      ) {
        if (client.isRunning()) {
          await client.sendNotification(DidChangeConfigurationNotification.type, {
            settings: didChangeConfigurationSettings(currentSettings(), expandContext()),
          });
        }
      }
    }),
    { dispose: () => void stop() },
  );
  starting = start(context);
  try {
    await starting;
  } finally {
    starting = undefined;
  }
}

export async function deactivate(): Promise<void> {
  await stop();
}
