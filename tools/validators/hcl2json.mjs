#!/usr/bin/env node
// Parses HCL files with HashiCorp's HCL2 parser (hashicorp/hcl compiled to wasm and
// shipped as @cdktf/hcl2json) and prints them as JSON.
//
//   node hcl2json.mjs FILE...
//       prints { "<FILE as given>": <parsed JSON>, ... } on stdout and exits 0; if any
//       file fails to parse, prints the parser's diagnostics (file:line,column-line,column:
//       summary; detail) on stderr, one line per failing file, and exits 1.
//
//   node hcl2json.mjs --serve
//       long-running mode for tests (saves node's and the wasm's start-up per call): reads
//       one JSON request per line on stdin, {"id": 1, "files": ["a.hcl", ...]}, and answers
//       each with one line on stdout, {"id": 1, "result": {"a.hcl": {...}}} or
//       {"id": 1, "errors": {"a.hcl": "<diagnostics>"}}. Exits at end of input.
//
// The JSON is hcl2json's, as Terraform's JSON syntax would spell the same configuration:
// every block body is an array of objects (`job "x" { ... }` -> {"job": {"x": [{...}]}}),
// literal values are evaluated ("a\"b" -> a"b, "${"lit"}" -> lit), and strings are
// re-escaped as templates: a literal ${ or %{ comes out as $${ or %%{, and any expression
// that is not constant comes out as its source wrapped in ${...} (upper(x) -> "${upper(x)}").

import fs from 'node:fs';
import readline from 'node:readline';
import { parse } from '@cdktf/hcl2json';

function message(error) {
  // The bridge rejects with "parse config: [<diag>; <diag> ...]"; keep the diagnostics.
  const text = String(error?.message ?? error);
  const m = /^parse config: \[(.*)\]$/s.exec(text);
  return m ? m[1] : text;
}

async function parseFiles(files) {
  const result = {};
  const errors = {};
  for (const file of files) {
    let contents;
    try {
      contents = fs.readFileSync(file, 'utf8');
    } catch (e) {
      errors[file] = `${file}: cannot read: ${e.message}`;
      continue;
    }
    try {
      result[file] = await parse(file, contents);
    } catch (e) {
      errors[file] = message(e);
    }
  }
  return { result, errors };
}

async function serve() {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let request;
    try {
      request = JSON.parse(line);
    } catch (e) {
      process.stdout.write(JSON.stringify({ id: null, errors: { '<request>': `bad request: ${e.message}` } }) + '\n');
      continue;
    }
    const { result, errors } = await parseFiles(request.files ?? []);
    const answer = Object.keys(errors).length ? { id: request.id, errors } : { id: request.id, result };
    process.stdout.write(JSON.stringify(answer) + '\n');
  }
}

async function main(args) {
  if (args.length === 1 && args[0] === '--serve') return serve();
  if (args.length === 0 || args.some((a) => a === '-h' || a === '--help')) {
    console.error('usage: node hcl2json.mjs FILE...   |   node hcl2json.mjs --serve');
    process.exit(2);
  }
  const { result, errors } = await parseFiles(args);
  const failed = Object.keys(errors);
  if (failed.length) {
    for (const file of failed) console.error(`hcl2json: ${errors[file]}`);
    process.exit(1);
  }
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

main(process.argv.slice(2)).catch((e) => {
  console.error(`hcl2json: ${e?.stack ?? e}`);
  process.exit(1);
});
