// client.js — a scripted editor session with `pacta lsp` through
// vscode-jsonrpc and vscode-languageserver-protocol (the libraries VS Code's
// own client is built on), covering every method the server offers:
// initialize, didOpen and publishDiagnostics, didChange (the diagnostics
// follow the text, and an importer's follow a library's unsaved text),
// didSave (a library saved is read again), hover, definition, references
// (across the open files), documentSymbol, completion, formatting,
// codeAction, didClose, shutdown and exit.
//   node tests/lsp/client.js build/pacta
'use strict';
const assert = require('node:assert');
const cp = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const rpc = require('vscode-jsonrpc/node');
const P = require('vscode-languageserver-protocol');

const pacta = path.resolve(process.argv[2] || 'build/pacta');
// how long diagnostics may take to come: longer for a server under valgrind
const waitMs = Number(process.env.LSP_WAIT_MS) || 10000;
const fixtures = path.join(__dirname, 'fixtures');
const uriOf = (f) => 'file://' + path.join(fixtures, f);
const textOf = (f) => fs.readFileSync(path.join(fixtures, f), 'utf8');

let passed = 0, failed = 0, shuttingDown = false;
async function check(name, fn) {
  try {
    await fn();
    passed++;
  } catch (e) {
    failed++;
    console.log(`FAIL: ${name}\n  ${String(e.stack || e).split('\n').slice(0, 6).join('\n  ')}`);
  }
}

async function main() {
  const server = cp.spawn(pacta, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let exited = false;
  server.on('exit', (code, signal) => {
    exited = true;
    if (!shuttingDown) {
      console.log(`FAIL: pacta lsp ended in the session (status ${code}, signal ${signal})`);
      failed++;
      process.exitCode = 1;
    }
  });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout),
                                           new rpc.StreamMessageWriter(server.stdin));
  // diagnostics as they are published, by URI, with waiters
  const diags = new Map();
  const waiters = [];
  conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => {
    diags.set(p.uri, p.diagnostics);
    for (const w of waiters.splice(0)) w();
  });
  const published = (uri, pred) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} met the test`)), waitMs);
    const test = () => {
      if (diags.has(uri) && pred(diags.get(uri))) { clearTimeout(timer); resolve(diags.get(uri)); }
      else waiters.push(test);
    };
    test();
  });
  conn.listen();

  const init = await conn.sendRequest(P.InitializeRequest.type,
    { processId: process.pid, rootUri: 'file://' + fixtures, capabilities: {} });
  await check('initialize: capabilities', () => {
    const c = init.capabilities;
    for (const k of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'documentSymbolProvider',
                     'documentFormattingProvider', 'completionProvider', 'codeActionProvider'])
      assert.ok(c[k], k);
    assert.strictEqual(init.serverInfo.name, 'pacta');
  });
  conn.sendNotification(P.InitializedNotification.type, {});

  // ---- the file with errors
  const bad = uriOf('agreement.pacta');
  let text = textOf('agreement.pacta');
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: bad, languageId: 'pacta', version: 1, text } });
  const d1 = await published(bad, (d) => d.length > 0);
  await check('diagnostics of a file with errors', () => {
    assert.deepStrictEqual(d1.map((d) => [d.range.start.line, d.range.start.character, d.severity, d.message]), [
      [17, 25, 1, "unknown member 'illegal_acces' of enum 'offence'; did you mean 'illegal_access'?"],
      [22, 16, 1, "unknown name 'politcal_offence'; did you mean 'political_offence'?"],
    ]);
    assert.strictEqual(d1[0].source, 'pacta');
    assert.match(d1[0].relatedInformation[0].location.uri, /std\/offences\.pacta$/);
  });
  await check('codeAction: the fix of a did-you-mean', async () => {
    const acts = await conn.sendRequest(P.CodeActionRequest.type, {
      textDocument: { uri: bad }, range: { start: { line: 17, character: 0 }, end: { line: 17, character: 40 } },
      context: { diagnostics: [] } });
    assert.strictEqual(acts.length, 1);
    assert.strictEqual(acts[0].title, "write 'illegal_access'");
    assert.strictEqual(acts[0].kind, 'quickfix');
    assert.deepStrictEqual(acts[0].edit.changes[bad], [{ newText: 'illegal_access',
      range: { start: { line: 17, character: 25 }, end: { line: 17, character: 38 } } }]);
  });
  // the drafter applies both fixes: the errors go, the lint comes
  text = text.replace('illegal_acces\n', 'illegal_access\n').replace('politcal_offence', 'political_offence');
  conn.sendNotification(P.DidChangeTextDocumentNotification.type,
    { textDocument: { uri: bad, version: 2 }, contentChanges: [{ text }] });
  const d2 = await published(bad, (d) => d.every((x) => x.severity !== 1));
  await check('didChange: diagnostics follow the text (a lint, now)', () => {
    assert.deepStrictEqual(d2.map((d) => [d.range.start.line, d.range.start.character, d.severity, d.code]),
                           [[22, 4, 2, 'no-reason']]);
    assert.match(d2[0].message, /^a refusal without 'because'/);
  });
  conn.sendNotification(P.DidCloseTextDocumentNotification.type, { textDocument: { uri: bad } });
  await published(bad, (d) => d.length === 0);

  // ---- syntax errors have their fixes too, in a new buffer not yet saved
  const typos = uriOf('typos.pacta');
  conn.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri: typos, languageId: 'pacta', version: 1,
    text: 'request { political_offence: bool = false, n: int = 0 }\nclause 1\n  refuse when political_offence\n' +
          '  becuase "political offences are excluded"\nclause 2\n  refuse n > 3\n' } });
  const dt = await published(typos, (d) => d.length > 0);
  await check('codeAction: a keyword misspelt, a missing when', async () => {
    assert.deepStrictEqual(dt.map((d) => [d.range.start.line, d.range.start.character]), [[3, 2], [5, 9]]);
    assert.match(dt[0].message, /did you mean 'because'\?$/);
    const acts = await conn.sendRequest(P.CodeActionRequest.type, {
      textDocument: { uri: typos }, range: { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } },
      context: { diagnostics: [] } });
    assert.deepStrictEqual(acts.map((a) => [a.title, a.edit.changes[typos][0].newText, a.edit.changes[typos][0].range]), [
      ["write 'because'", 'because', { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } }],
      ["insert 'when'", 'when ', { start: { line: 5, character: 9 }, end: { line: 5, character: 9 } }],
    ]);
  });
  conn.sendNotification(P.DidCloseTextDocumentNotification.type, { textDocument: { uri: typos } });

  // ---- a lint with a fix: 'and' inside 'or' gets one quick fix, the
  // parentheses around the part read first (one edit, not two)
  const mixed = uriOf('mixed.pacta');
  conn.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri: mixed, languageId: 'pacta', version: 1,
    text: 'request { a: bool = false, b: bool = false, c: bool = false }\nclause 1\n  refuse when a or b and c\n' +
          '  because "x"\n' } });
  const dm = await published(mixed, (d) => d.length > 0);
  await check('codeAction: and-or, the parentheses as one edit', async () => {
    assert.deepStrictEqual(dm.map((d) => [d.range.start.line, d.range.start.character, d.severity, d.code]),
                           [[2, 19, 2, 'and-or']]);
    const acts = await conn.sendRequest(P.CodeActionRequest.type, {
      textDocument: { uri: mixed }, range: { start: { line: 2, character: 0 }, end: { line: 2, character: 26 } },
      context: { diagnostics: [] } });
    assert.strictEqual(acts.length, 1);
    assert.strictEqual(acts[0].title, "write '(b and c)'");
    assert.deepStrictEqual(acts[0].edit.changes[mixed], [{ newText: '(b and c)',
      range: { start: { line: 2, character: 19 }, end: { line: 2, character: 26 } } }]);
  });
  conn.sendNotification(P.DidCloseTextDocumentNotification.type, { textDocument: { uri: mixed } });

  // ---- the clean file
  const ok = uriOf('clean.pacta');
  const clean = textOf('clean.pacta');
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: ok, languageId: 'pacta', version: 1, text: clean } });
  await published(ok, (d) => d.length === 0);
  const at = (line, character) => ({ textDocument: { uri: ok }, position: { line, character } });

  await check('hover: a standard-library field, with its comment', async () => {
    const h = await conn.sendRequest(P.HoverRequest.type, at(20, 20));
    assert.strictEqual(h.contents.kind, 'markdown');
    assert.match(h.contents.value, /political_offence: bool = false/);
    assert.match(h.contents.value, /political or connected offence/);
    assert.deepStrictEqual(h.range, { start: { line: 20, character: 16 }, end: { line: 20, character: 33 } });
  });
  await check("hover: a clause label, with its article's title and its rules", async () => {
    const h = await conn.sendRequest(P.HoverRequest.type, at(24, 13));
    assert.match(h.contents.value, /\*\*clause 2\.1\*\* "Political offences" — article 2 "Grounds for refusal"/);
    assert.match(h.contents.value, /refuse when political_offence/);
  });
  await check('hover: an enum member', async () => {
    const h = await conn.sendRequest(P.HoverRequest.type, at(15, 28));
    assert.match(h.contents.value, /member of enum `offence`/);
  });
  await check('hover: nothing there', async () => {
    assert.strictEqual(await conn.sendRequest(P.HoverRequest.type, at(13, 0)), null);
  });
  await check('definition: a field, into the standard library', async () => {
    const d = await conn.sendRequest(P.DefinitionRequest.type, at(20, 20));
    assert.match(d.uri, /stdlib\/std\/mla\.pacta$/);
    const line = fs.readFileSync(new URL(d.uri), 'utf8').split('\n')[d.range.start.line];
    assert.match(line.slice(d.range.start.character), /^political_offence:/);
  });
  await check('definition: a label in exempts', async () => {
    const d = await conn.sendRequest(P.DefinitionRequest.type, at(24, 13));
    assert.deepStrictEqual(d, { uri: ok, range: { start: { line: 19, character: 9 }, end: { line: 19, character: 12 } } });
  });
  await check('definition: an import, the file', async () => {
    const d = await conn.sendRequest(P.DefinitionRequest.type, at(7, 9));
    assert.match(d.uri, /stdlib\/std\/mla\.pacta$/);
  });
  await check('references: a clause label, declaration included', async () => {
    const r = await conn.sendRequest(P.ReferencesRequest.type, { ...at(19, 10), context: { includeDeclaration: true } });
    assert.deepStrictEqual(r.map((x) => [x.range.start.line, x.range.start.character]), [[19, 9], [24, 12]]);
  });
  await check('references: a field, declaration left out', async () => {
    const r = await conn.sendRequest(P.ReferencesRequest.type, { ...at(15, 15), context: { includeDeclaration: false } });
    assert.deepStrictEqual(r.filter((x) => x.uri === ok).map((x) => x.range.start.line), [15, 28]);
  });
  await check('documentSymbol: articles with their clauses', async () => {
    const s = await conn.sendRequest(P.DocumentSymbolRequest.type, { textDocument: { uri: ok } });
    const arts = s.filter((x) => x.name.startsWith('article'));
    assert.deepStrictEqual(arts.map((a) => [a.name, a.detail, a.children.map((c) => c.name)]),
      [['article 1', 'Scope', ['clause 1.1']], ['article 2', 'Grounds for refusal', ['clause 2.1', 'clause 2.2']]]);
    assert.ok(s.some((x) => x.name === 'illegal access is granted' && x.detail === 'test'));
  });
  await check('completion: the members of the expected enum', async () => {
    const c = await conn.sendRequest(P.CompletionRequest.type, at(24, 35));
    const labels = c.items.map((i) => i.label);
    assert.ok(labels.includes('preservation') && labels.includes('interception'), labels.join(' '));
    assert.ok(!labels.includes('political_offence'));
  });
  await check('completion: clause labels after exempts', async () => {
    const c = await conn.sendRequest(P.CompletionRequest.type, at(24, 12));
    const labels = c.items.filter((i) => i.kind === P.CompletionItemKind.Reference).map((i) => i.label);
    assert.deepStrictEqual(labels, ['1.1', '2.1', '2.2']);
  });
  await check('completion: keywords in context, and fields', async () => {
    const c = await conn.sendRequest(P.CompletionRequest.type, at(20, 11));
    const labels = c.items.map((i) => i.label);
    assert.ok(labels.includes('when') && labels.includes('unless') && labels.includes('because'), labels.join(' '));
    assert.ok(!labels.includes('version') && !labels.includes('combine'), 'keywords of other places');
    const c2 = await conn.sendRequest(P.CompletionRequest.type, at(20, 16));
    assert.ok(c2.items.some((i) => i.label === 'political_offence' && i.detail === 'bool'));
    assert.ok(c2.items.some((i) => i.label === 'not' && i.kind === P.CompletionItemKind.Keyword));
  });
  await check('definition: an enum member, into the standard library', async () => {
    const d = await conn.sendRequest(P.DefinitionRequest.type, at(15, 28));
    assert.match(d.uri, /stdlib\/std\/offences\.pacta$/);
    const line = fs.readFileSync(new URL(d.uri), 'utf8').split('\n')[d.range.start.line];
    assert.match(line.slice(d.range.start.character), /^illegal_access,/);
  });
  await check('definition: a label after by', async () => {
    const d = await conn.sendRequest(P.DefinitionRequest.type, at(30, 19));
    assert.deepStrictEqual(d, { uri: ok, range: { start: { line: 14, character: 9 }, end: { line: 14, character: 12 } } });
  });
  await check('references: an enum member, across files', async () => {
    const r = await conn.sendRequest(P.ReferencesRequest.type, { ...at(15, 28), context: { includeDeclaration: true } });
    const here = r.filter((x) => x.uri === ok).map((x) => [x.range.start.line, x.range.start.character]);
    assert.deepStrictEqual(here, [[15, 25], [28, 18]]);
    // in the library: the declaration, then the sets that name it
    const lib = r.filter((x) => /stdlib\/std\/offences\.pacta$/.test(x.uri));
    const text = fs.readFileSync(new URL(lib[0].uri), 'utf8').split('\n');
    assert.ok(lib.length >= 2, JSON.stringify(lib));
    for (const x of lib)
      assert.strictEqual(text[x.range.start.line].slice(x.range.start.character, x.range.end.character), 'illegal_access');
    assert.match(text[lib[0].range.start.line], /^  illegal_access,/);
  });

  await check('formatting: pacta fmt as an edit', async () => {
    const messy = clean.replace('  clause 1.1 "Offences covered"\n    grant', '  clause 1.1 "Offences covered" grant');
    conn.sendNotification(P.DidChangeTextDocumentNotification.type,
      { textDocument: { uri: ok, version: 2 }, contentChanges: [{ text: messy }] });
    const e = await conn.sendRequest(P.DocumentFormattingRequest.type,
      { textDocument: { uri: ok }, options: { tabSize: 2, insertSpaces: true } });
    assert.strictEqual(e.length, 1);
    const canon = cp.execFileSync(pacta, ['fmt', '-'], { input: messy }).toString();
    assert.strictEqual(e[0].newText, canon);
    assert.deepStrictEqual(e[0].range.start, { line: 0, character: 0 });
  });
  // ---- the workspace: an agreement and the library it imports, in a copy
  // of the fixtures (the tests save files)
  const ws = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'pacta-lsp-'));
  for (const f of ['terms.pacta', 'uses.pacta']) fs.copyFileSync(path.join(fixtures, f), path.join(ws, f));
  const wsUri = (f) => 'file://' + path.join(ws, f);
  const terms = wsUri('terms.pacta'), uses = wsUri('uses.pacta');
  const termsText = textOf('terms.pacta');
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: uses, languageId: 'pacta', version: 1, text: textOf('uses.pacta') } });
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: terms, languageId: 'pacta', version: 1, text: termsText } });
  await published(uses, (d) => d.length === 0);
  const inUses = (line, character) => ({ textDocument: { uri: uses }, position: { line, character } });
  await check('definition: a define in an imported file', async () => {
    const d = await conn.sendRequest(P.DefinitionRequest.type, inUses(11, 14));
    assert.deepStrictEqual(d, { uri: terms, range: { start: { line: 5, character: 7 }, end: { line: 5, character: 14 } } });
  });
  await check("hover: a define, its type and its definition", async () => {
    const h = await conn.sendRequest(P.HoverRequest.type, inUses(11, 14));
    assert.match(h.contents.value, /type: `bool`/);
    assert.match(h.contents.value, /max_penalty >= 4 years/);
    assert.match(h.contents.value, /Serious offences, in the sense of the agreement/);
  });
  await check('definition: a fixture, and a label after by', async () => {
    const f = await conn.sendRequest(P.DefinitionRequest.type, inUses(20, 10));
    assert.deepStrictEqual(f.range.start, { line: 14, character: 8 });
    const l = await conn.sendRequest(P.DefinitionRequest.type, inUses(21, 18));
    assert.deepStrictEqual(l.range.start, { line: 10, character: 7 });
  });
  await check('references: a define, from its declaration, into the files that use it', async () => {
    const r = await conn.sendRequest(P.ReferencesRequest.type,
      { textDocument: { uri: terms }, position: { line: 5, character: 9 }, context: { includeDeclaration: false } });
    assert.deepStrictEqual(r.map((x) => [x.uri, x.range.start.line, x.range.start.character]), [[uses, 11, 13]]);
  });
  // the library renamed in the editor, unsaved: the agreement sees it
  conn.sendNotification(P.DidChangeTextDocumentNotification.type,
    { textDocument: { uri: terms, version: 2 }, contentChanges: [{ text: termsText.replace('define serious', 'define grave') }] });
  const d3 = await published(uses, (d) => d.length > 0);
  await check("an importer's diagnostics follow an open library's unsaved text", () => {
    assert.deepStrictEqual(d3.map((d) => [d.range.start.line, d.range.start.character, d.severity]), [[11, 13, 1]]);
    assert.match(d3[0].message, /^unknown name 'serious'/);
  });
  conn.sendNotification(P.DidChangeTextDocumentNotification.type,
    { textDocument: { uri: terms, version: 3 }, contentChanges: [{ text: termsText }] });
  await published(uses, (d) => d.length === 0);
  // closed, the library is read from the disk again: saved there with the
  // rename, the agreement's next save shows the error
  conn.sendNotification(P.DidCloseTextDocumentNotification.type, { textDocument: { uri: terms } });
  fs.writeFileSync(path.join(ws, 'terms.pacta'), termsText.replace('define serious', 'define grave'));
  conn.sendNotification(P.DidSaveTextDocumentNotification.type, { textDocument: { uri: uses } });
  const d4 = await published(uses, (d) => d.length > 0);
  await check('didSave: the saved library read again from the disk', () => {
    assert.deepStrictEqual(d4.map((d) => [d.range.start.line, d.severity]), [[11, 1]]);
  });
  conn.sendNotification(P.DidCloseTextDocumentNotification.type, { textDocument: { uri: uses } });
  await published(uses, (d) => d.length === 0);
  // a Party's reservations, a part of the agreement that imports it: its
  // names are the agreement's, its errors its own, its definitions there
  fs.writeFileSync(path.join(ws, 'treaty.pacta'), 'agreement "Treaty"\n  parties XA, XB\n  default refuse\n\n' +
    'import std.mla\nimport "treaty-XA.pacta"\n\nclause 1 grant when offence = illegal_access\n');
  const partText = 'reservation XA 1.XA "Misuse of devices"\n  refuse when requested_party = XA and offence = misuse_of_devices\n';
  fs.writeFileSync(path.join(ws, 'treaty-XA.pacta'), partText);
  const part = wsUri('treaty-XA.pacta');
  conn.sendNotification(P.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: part, languageId: 'pacta', version: 1, text: partText } });
  const p1 = await published(part, () => true);
  await check("a Party's part of an agreement: analysed with the agreement that imports it", () => {
    assert.deepStrictEqual(p1, []);
  });
  conn.sendNotification(P.DidChangeTextDocumentNotification.type,
    { textDocument: { uri: part, version: 2 }, contentChanges: [{ text: partText.replace('XA and', 'XA and nope and') }] });
  const p2 = await published(part, (d) => d.length > 0);
  await check("a part's own error, unsaved, at its place", () => {
    assert.deepStrictEqual(p2.map((d) => [d.range.start.line, d.range.start.character, d.severity]), [[1, 39, 1]]);
    assert.match(p2[0].message, /^unknown name 'nope'/);
  });
  await check("definition: from a part into the standard library's request", async () => {
    const d = await conn.sendRequest(P.DefinitionRequest.type,
      { textDocument: { uri: part }, position: { line: 1, character: 16 } });
    assert.match(d.uri, /std\/mla\.pacta$/);
  });
  conn.sendNotification(P.DidCloseTextDocumentNotification.type, { textDocument: { uri: part } });
  fs.rmSync(ws, { recursive: true });

  await check('an unknown method is an error', async () => {
    await assert.rejects(conn.sendRequest('textDocument/unknownThing', {}), /method not found/);
  });

  shuttingDown = true;
  await conn.sendRequest(P.ShutdownRequest.type);
  conn.sendNotification(P.ExitNotification.type);
  const code = exited ? server.exitCode : await new Promise((resolve) => server.on('exit', resolve));
  await check('exit after shutdown: status 0', () => assert.strictEqual(code, 0));
  conn.dispose();
  console.log(`lsp client: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => { console.log(`FAIL: ${e.stack || e}`); process.exitCode = 1; });
