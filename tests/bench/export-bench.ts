// Export figures for `npm run bench`, each size in its own process so its peak RSS (VmHWM) is its own:
//   node --import tsx tests/bench/export-bench.ts <megapixels> <format> [c2pa]   (prints one JSON line)
// With c2pa each export is also signed with Content Credentials (a fresh library identity).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { workingSize } from '../../shared/network/working-size';
import { makeRecipe, renderRecipe, writeExport } from '../../electron/services/export/exporter';
import { Colorizer } from '../../electron/services/inference/colorizer';
import { verifyShippedModel } from '../../electron/services/inference/model-file';
import { libraryIdentity } from '../../electron/services/export/signing-identity';
import { Jobs } from '../../electron/services/jobs';
import { sha256 } from '../../electron/services/library/originals';
import type { ExportFormat } from '../../shared/model/recipe';
import { MODELS, tempDir } from '../support/paths';

export interface ExportFigure {
  megapixels: number;
  format: string;
  /** The first export in a fresh process (compose workers booting). */
  coldMillis: number;
  /** The next one, as every later export in a running studio. */
  millis: number;
  peakRssMiB: number;
  /** With c2pa: the signing alone (manifest, data hash, signature, embedding) and the manifest's size. */
  signMillis?: number;
  manifestBytes?: number;
}

const peakMiB = (): number => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

/** A gray scan of about `mp` megapixels (3:2), as a JPEG, made with the same sharp the app uses. */
async function scan(mp: number): Promise<Buffer> {
  const width = Math.round(Math.sqrt((mp * 1e6 * 3) / 2));
  const height = Math.round(width / 1.5);
  const gray = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) gray.fill(30 + ((y * 180) / height) | 0, y * width, (y + 1) * width);
  return sharp(gray, { raw: { width, height, channels: 1 }, limitInputPixels: false }).jpeg({ quality: 90 }).toBuffer();
}

async function main(): Promise<void> {
  const mp = Number(process.argv[2]);
  const format = (process.argv[3] ?? 'tiff16') as ExportFormat;
  const c2pa = process.argv[4] === 'c2pa' ? await libraryIdentity(tempDir('bench-signing')) : undefined;
  let signed: { signMillis: number; manifestBytes: number } | undefined;
  const bytes = await scan(mp);
  const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  const model = new Colorizer(await verifyShippedModel(MODELS), 2);
  await model.open();
  const size = { width: meta.width as number, height: meta.height as number };
  const hints = [{ id: 'a', x: size.width / 3, y: size.height / 2, radius: 20, a: 20, b: 30 }];
  const once = async (): Promise<number> => {
    const started = performance.now();
    const recipe = makeRecipe(model, { bytes, name: 'bench.jpg', sha256: sha256(bytes), ...size }, { guidance: { hints, strokes: [], regions: [] }, work: workingSize(size), output: { format, badge: false }, notes: [], history: [] });
    const pixels = await renderRecipe(model, bytes, recipe, Jobs.detached());
    const written = await writeExport(path.join(tempDir('bench-export'), `bench.${format}`), pixels, recipe, bytes, Jobs.detached(), { c2pa });
    if (written.c2pa) signed = { signMillis: written.c2pa.signMs, manifestBytes: written.c2pa.manifestBytes };
    return performance.now() - started;
  };
  const coldMillis = await once();
  const millis = await once();
  await model.close();
  const figure: ExportFigure = { megapixels: (size.width * size.height) / 1e6, format, coldMillis, millis, peakRssMiB: peakMiB(), ...signed };
  console.log(JSON.stringify(figure));
}

if (process.argv[2]) void main();
