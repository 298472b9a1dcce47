// A library writer for the crash test: applies edits, names versions and stores originals as fast as
// it can, and reports each one on stdout only after the library has acknowledged it. The parent kills
// it with SIGKILL at a random moment.
import { randomBytes } from 'node:crypto';
import { writeSync } from 'node:fs';
import path from 'node:path';
import { LibraryDb } from '../../electron/services/library/library-db';
import { OriginalStore } from '../../electron/services/library/originals';
import { ProjectService } from '../../electron/services/project-service';

const dir = process.argv[2];
const IMAGE = { id: 'f'.repeat(64), name: 'crash.png', width: 100, height: 100, format: 'png', bitDepth: 8, channels: 1, importedAt: '2026-11-22T00:00:00.000Z' };
const say = (line: string): void => void writeSync(1, `${line}\n`);

const lib = new LibraryDb(path.join(dir, 'library.sqlite'));
lib.addImage(IMAGE);
const service = new ProjectService(lib.db, () => IMAGE);
const originals = new OriginalStore(path.join(dir, 'originals'));
const project = service.forImage(IMAGE).project.id;
let head = service.state(project).history.head;
say(`ready ${project}`);

async function run(): Promise<void> {
  for (let i = 0; ; i++) {
    const hints = service.history(project).current.hints;
    const op =
      hints.length > 0 && i % 3 === 2
        ? { kind: 'hint.move' as const, id: hints[i % hints.length].id, to: { x: i % 500 } }
        : { kind: 'hint.add' as const, hint: { id: `h${Date.now().toString(36)}${i}`, x: i % 100, y: 5, radius: 2, a: 10, b: 20 } };
    head = service.apply(project, head, op).head;
    say(`op ${head}`);
    if (i % 10 === 9) say(`version ${service.createVersion(project, `v${i}`, randomBytes(64)).versionId}`);
    if (i % 25 === 0) say(`original ${await originals.put(randomBytes(200_000))}`);
  }
}
void run();
