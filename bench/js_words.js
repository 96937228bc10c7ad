// Word diffs in JavaScript, for bench/versions.py to time beside redline.
//
//   node bench/js_words.js jsdiff|dmp OLD NEW
//
// jsdiff: diffWords() of the npm package "diff" (Myers' O(ND) over words).
// dmp: diff-match-patch's diff_main() (character level, with its line-mode
// speed-up) then diff_cleanupSemantic(), with no time limit so that it
// computes the whole diff as redline does.  Both write every piece, marked
// as '=', '-' or '+', to standard output and exit 1 when the texts differ.
"use strict";
const fs = require("fs");
const path = require("path");

const [tool, oldPath, newPath] = process.argv.slice(2);
const a = fs.readFileSync(oldPath, "utf8");
const b = fs.readFileSync(newPath, "utf8");
const modules = path.join(__dirname, "node_modules");
let pieces;
if (tool === "jsdiff") {
  const { diffWords } = require(path.join(modules, "diff"));
  pieces = diffWords(a, b).map((p) => [p.added ? "+" : p.removed ? "-" : "=", p.value]);
} else if (tool === "dmp") {
  const DMP = require(path.join(modules, "diff-match-patch"));
  const dmp = new DMP();
  dmp.Diff_Timeout = 0;
  const d = dmp.diff_main(a, b);
  dmp.diff_cleanupSemantic(d);
  pieces = d.map(([op, text]) => [op > 0 ? "+" : op < 0 ? "-" : "=", text]);
} else {
  process.stderr.write("usage: node js_words.js jsdiff|dmp OLD NEW\n");
  process.exit(2);
}
const out = [];
let differ = false;
for (const [op, text] of pieces) {
  out.push(op + JSON.stringify(text) + "\n");
  differ = differ || op !== "=";
}
process.stdout.write(out.join(""));
process.exitCode = differ ? 1 : 0;
