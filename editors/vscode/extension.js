// extension.js — the VS Code client of Pacta: starts `pacta lsp` (the
// command of the setting pacta.path) for .pacta files.  Highlighting is the
// TextMate grammar of syntaxes/; everything else comes from the server.
'use strict';
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('pacta');
  const args = ['lsp'];
  for (const dir of config.get('includeDirectories', []))
    args.push('-I', dir);
  const server = { command: config.get('path', 'pacta'), args };
  client = new LanguageClient('pacta', 'Pacta', { run: server, debug: server }, {
    documentSelector: [{ scheme: 'file', language: 'pacta' }],
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
