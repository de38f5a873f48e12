// A tiny reader for the zip files vsce writes (stored or deflated entries, no zip64): enough to
// unpack a VSIX without depending on `unzip` being installed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** Returns [{ name, data }] for every file entry of the zip. */
export function readZip(file) {
  const buf = readFileSync(file);
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    const local = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const raw = buf.subarray(local, local + compressedSize);
    if (method === 0) entries.push({ name, data: raw });
    else if (method === 8) entries.push({ name, data: inflateRawSync(raw) });
    else throw new Error(`${file}: ${name} uses unsupported compression method ${method}`);
  }
  return entries;
}

/** Writes the entries under `prefix` (e.g. 'extension/') into `dest`, without the prefix. */
export function extractZip(file, dest, prefix = '') {
  let written = 0;
  for (const { name, data } of readZip(file)) {
    if (!name.startsWith(prefix)) continue;
    const relative = normalize(name.slice(prefix.length));
    if (relative.startsWith('..') || relative.startsWith(sep)) throw new Error(`${file}: unsafe path ${name}`);
    const target = join(dest, relative);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
    written++;
  }
  return written;
}
