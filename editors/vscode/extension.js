// Starts `policyc lsp` for .policy files: diagnostics, hover, go to definition, references
// and completion all come from the language server; this file only launches it.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("policyc").get("path") || "policyc";
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "policyc",
    "policyc 政策文件",
    { run: server, debug: server },
    { documentSelector: [{ scheme: "file", language: "policy" }, { scheme: "untitled", language: "policy" }] }
  );
  client.start().catch((e) => {
    vscode.window.showErrorMessage(`无法启动 policyc lsp（${command}）：${e.message}。请在设置中填写 policyc.path。`);
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
