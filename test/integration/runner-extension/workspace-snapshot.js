// A snapshot of a workspace folder's files, and putting the folder back as the snapshot holds it:
// how the test runner (after each test) and the harness (after each UI check and each pass) keep
// one failure from leaving the fixture changed for every test after it. Plain CommonJS, so the
// runner in the extension host and the harness (ESM) share it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/**
 * Every file (its bytes), symbolic link (its target) and folder under `root`, keyed by the path
 * relative to `root` with `/` separators.
 * @returns {{ root: string, files: Map<string, Buffer | { link: string }>, folders: Set<string> }}
 */
function snapshotTree(root) {
  const files = new Map();
  const folders = new Set();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full).split(path.sep).join('/');
      if (entry.isSymbolicLink()) files.set(relative, { link: fs.readlinkSync(full) });
      else if (entry.isDirectory()) {
        folders.add(relative);
        walk(full);
      } else if (entry.isFile()) files.set(relative, fs.readFileSync(full));
    }
  };
  walk(root);
  return { root, files, folders };
}

const sameEntry = (a, b) => {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  return !Buffer.isBuffer(a) && !Buffer.isBuffer(b) && a.link === b.link;
};

/**
 * How `root` (the snapshot's own folder by default) differs from `snapshot`: `changed <path>`,
 * `added <path>`, `removed <path>`, sorted by path; empty when nothing differs.
 */
function differences(snapshot, root = snapshot.root) {
  const now = snapshotTree(root);
  const found = [];
  for (const [file, entry] of now.files) {
    if (!snapshot.files.has(file)) found.push(['added', file]);
    else if (!sameEntry(entry, snapshot.files.get(file))) found.push(['changed', file]);
  }
  for (const file of snapshot.files.keys()) if (!now.files.has(file)) found.push(['removed', file]);
  for (const folder of now.folders) if (!snapshot.folders.has(folder)) found.push(['added', `${folder}/`]);
  for (const folder of snapshot.folders) if (!now.folders.has(folder)) found.push(['removed', `${folder}/`]);
  return found.sort((a, b) => a[1].localeCompare(b[1])).map(([what, file]) => `${what} ${file}`);
}

/**
 * Puts `root` (the snapshot's own folder by default) back as `snapshot` holds it, writing only
 * what differs; returns the differences it found (see `differences`), so a caller can say that
 * something had left the folder changed.
 */
function restoreTree(snapshot, root = snapshot.root) {
  const found = differences(snapshot, root);
  if (found.length === 0) return found;
  const now = snapshotTree(root);
  const absolute = (relative) => path.join(root, ...relative.split('/'));
  // Added entries first, deepest first, so an added folder is empty when it goes.
  for (const file of now.files.keys()) if (!snapshot.files.has(file)) fs.rmSync(absolute(file), { force: true });
  for (const folder of [...now.folders]
    .filter((f) => !snapshot.folders.has(f))
    .sort()
    .reverse()) {
    fs.rmSync(absolute(folder), { recursive: true, force: true });
  }
  for (const folder of [...snapshot.folders].sort()) fs.mkdirSync(absolute(folder), { recursive: true });
  for (const [file, entry] of snapshot.files) {
    const current = now.files.get(file);
    if (current && sameEntry(current, entry)) continue;
    const target = absolute(file);
    if (Buffer.isBuffer(entry)) {
      if (current && !Buffer.isBuffer(current)) fs.rmSync(target, { force: true });
      fs.writeFileSync(target, entry);
    } else {
      fs.rmSync(target, { force: true });
      fs.symlinkSync(entry.link, target);
    }
  }
  return found;
}

module.exports = { snapshotTree, differences, restoreTree };
