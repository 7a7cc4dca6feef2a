// textmate.js — the TextMate grammar of editors/vscode tokenised as VS Code
// does (vscode-textmate with the Oniguruma regular expressions compiled to
// WebAssembly), over every example and the lsp fixtures: every keyword,
// label, string, text block, comment, date and duration must get its scope.
// The expectations come from the text itself, independently of the grammar.
//   node tests/lsp/textmate.js
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const root = path.join(__dirname, '..', '..');
const grammarPath = path.join(root, 'editors', 'vscode', 'syntaxes', 'pacta.tmLanguage.json');
const KEYWORDS = new Set(('agreement version parties effective expires default summary import enum define table ' +
  'request obligation combine article text clause from sunset refuse refer grant oblige exempts may ' +
  'reservation declaration on discretionary when unless because fixture test given expect by with and or ' +
  'not in overlaps within if then else true false set of bool int date days day weeks week years year ' +
  'assert reciprocal implies outcome grounded_by exempted fired imposed').split(' '));

let passed = 0, failed = 0;
const failures = [];
function expect(ok, what) {
  if (ok) { passed++; return; }
  failed++;
  if (failures.length < 40) failures.push(what);
}

async function main() {
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (s) => new oniguruma.OnigScanner(s),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => scope === 'source.pacta'
      ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const grammar = await registry.loadGrammar('source.pacta');
  const files = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.pacta'))
    .map((f) => path.join(root, 'examples', f))
    .concat(['agreement.pacta', 'clean.pacta', 'terms.pacta', 'uses.pacta'].map((f) => path.join(__dirname, 'fixtures', f)),
            [path.join(root, 'tests', 'semantics', 'utf8.pacta')]);
  const seen = { keyword: 0, label: 0, string: 0, textblock: 0, comment: 0, date: 0, duration: 0 };
  for (const file of files) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    let state = vsctm.INITIAL;
    let inBlock = false;   // inside a text block, by counting """
    lines.forEach((line, n) => {
      const r = grammar.tokenizeLine(line, state);
      state = r.ruleStack;
      const where = `${path.relative(root, file)}:${n + 1}`;
      // the scopes of the character at column c
      const scopesAt = (c) => {
        const t = r.tokens.find((x) => x.startIndex <= c && c < x.endIndex);
        return t ? t.scopes.join(' ') : '';
      };
      const wasBlock = inBlock;
      const quotes = (line.match(/"""/g) || []).length;
      if (quotes % 2) inBlock = !inBlock;
      if (wasBlock || quotes) {
        // a text block's lines are strings throughout (its content)
        const c = line.search(/\S/);
        if (c >= 0 && !(quotes && !wasBlock && line.indexOf('"""') > c)) {
          expect(/string\.quoted\.triple/.test(scopesAt(c)), `${where}: text block not a string: ${line.trim()}`);
          seen.textblock++;
        }
        if (wasBlock || (quotes && line.trim() !== '"""' && !/text\s+"""/.test(line))) return;
      }
      // code: mask strings and comments to find what to expect
      let code = '';
      let inStr = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (!inStr && ch === '#') { code += ' '.repeat(line.length - i); break; }
        if (ch === '"' && line.slice(i, i + 3) !== '"""') inStr = !inStr;
        code += inStr || ch === '"' ? ' ' : ch;
      }
      const hash = (() => { let s = false; for (let i = 0; i < line.length; i++) { if (line[i] === '"') s = !s; if (!s && line[i] === '#') return i; } return -1; })();
      if (hash >= 0) {
        expect(/comment\.line/.test(scopesAt(hash)), `${where}: comment not scoped`);
        seen.comment++;
      }
      const str = line.search(/"(?!"")/);
      if (str >= 0 && (hash < 0 || str < hash) && !line.includes('"""')) {
        expect(/string\.quoted\.double/.test(scopesAt(str + 1)), `${where}: string not scoped: ${line.trim()}`);
        seen.string++;
      }
      for (const m of code.matchAll(/\b\d{4}-\d{2}-\d{2}\b/g)) {
        expect(/constant\.numeric\.date/.test(scopesAt(m.index)), `${where}: date ${m[0]} not scoped`);
        seen.date++;
      }
      for (const m of code.matchAll(/\b(\d+)\s+(days?|weeks?|years?)\b/g)) {
        expect(/constant\.numeric/.test(scopesAt(m.index)) &&
               /keyword\.other\.unit/.test(scopesAt(m.index + m[0].length - 1)), `${where}: duration ${m[0]} not scoped`);
        seen.duration++;
      }
      const labelAt = (c, text) => {
        expect(/entity\.name\.section\.label/.test(scopesAt(c)), `${where}: label ${text} not scoped: ${scopesAt(c)}`);
        seen.label++;
      };
      for (const m of code.matchAll(/\b(?:article|clause)\s+([0-9A-Za-z_][0-9A-Za-z_.]*)/g))
        labelAt(m.index + m[0].length - m[1].length, m[1]);
      for (const m of code.matchAll(/\b(?:exempts|discretionary|by)\s+((?:[0-9A-Za-z_][0-9A-Za-z_.]*\s*,\s*)*[0-9A-Za-z_][0-9A-Za-z_.]*)/g)) {
        if (/^(default|agreement|requesting|requested)\b/.test(m[1])) continue;
        let off = m.index + m[0].length - m[1].length;
        for (const part of m[1].split(',')) {
          const lead = part.length - part.trimStart().length;
          const word = part.trim();
          if (/^(when|unless|with)$/.test(word)) break;
          labelAt(off + lead, word);
          off += part.length + 1;
        }
      }
      // every keyword outside strings and comments, unless it is a label
      for (const m of code.matchAll(/[\p{L}_][\p{L}\p{N}_]*/gu)) {
        if (!KEYWORDS.has(m[0])) continue;
        const s = scopesAt(m.index);
        if (/entity\.name\.section\.label|variable\.other\.party/.test(s)) continue;
        expect(/keyword|constant\.language|storage\.type/.test(s), `${where}: keyword '${m[0]}' scoped ${s}`);
        seen.keyword++;
      }
    });
  }
  for (const [k, n] of Object.entries(seen))
    expect(n > 0, `no ${k} was met: the test saw nothing of that kind`);
  for (const f of failures) console.log(`FAIL: ${f}`);
  console.log(`textmate: ${passed} passed, ${failed} failed (${Object.entries(seen).map(([k, n]) => `${n} ${k}s`).join(', ')})`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => { console.log(`FAIL: ${e.stack || e}`); process.exitCode = 1; });
