// The library schema as an ordered list of migrations; PRAGMA user_version counts how many have run.
// Never edit a shipped migration: append a new one. tests/fixtures/library-v*.sqlite hold every old schema.

export const MIGRATIONS: readonly string[] = [
  // 1: images and one saved hint list per image.
  `CREATE TABLE images (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     width INTEGER NOT NULL,
     height INTEGER NOT NULL,
     format TEXT NOT NULL,
     bit_depth INTEGER NOT NULL,
     channels INTEGER NOT NULL,
     imported_at TEXT NOT NULL
   );
   CREATE TABLE hint_states (
     image_id TEXT PRIMARY KEY REFERENCES images(id),
     hints_json TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );`,
  // 2: projects with catalog metadata, an append-only operation tree, named versions, provenance notes.
  `CREATE TABLE projects (
     id TEXT PRIMARY KEY,
     image_id TEXT NOT NULL REFERENCES images(id),
     title TEXT NOT NULL,
     collection TEXT NOT NULL DEFAULT '',
     accession TEXT NOT NULL DEFAULT '',
     photographer TEXT NOT NULL DEFAULT '',
     date_text TEXT NOT NULL DEFAULT '',
     source TEXT NOT NULL DEFAULT '',
     rights TEXT NOT NULL DEFAULT '',
     tags_json TEXT NOT NULL DEFAULT '[]',
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     deleted_at TEXT,
     head INTEGER REFERENCES operations(id),
     tip INTEGER REFERENCES operations(id),
     thumbnail BLOB
   );
   CREATE INDEX projects_image ON projects(image_id);
   CREATE TABLE operations (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     project_id TEXT NOT NULL REFERENCES projects(id),
     parent_id INTEGER REFERENCES operations(id),
     kind TEXT NOT NULL,
     params_version INTEGER NOT NULL,
     params_json TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX operations_project ON operations(project_id, id);
   CREATE TRIGGER operations_no_update BEFORE UPDATE ON operations
     BEGIN SELECT RAISE(ABORT, 'the operation log is append-only'); END;
   CREATE TRIGGER operations_no_delete BEFORE DELETE ON operations
     BEGIN SELECT RAISE(ABORT, 'the operation log is append-only'); END;
   CREATE TABLE versions (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     project_id TEXT NOT NULL REFERENCES projects(id),
     op_id INTEGER REFERENCES operations(id),
     name TEXT NOT NULL,
     created_at TEXT NOT NULL,
     thumbnail BLOB
   );
   CREATE INDEX versions_project ON versions(project_id);
   CREATE TABLE notes (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     project_id TEXT NOT NULL REFERENCES projects(id),
     target_kind TEXT NOT NULL CHECK (target_kind IN ('project', 'version', 'hint')),
     target_id TEXT NOT NULL DEFAULT '',
     text TEXT NOT NULL,
     author TEXT NOT NULL DEFAULT '',
     source TEXT NOT NULL DEFAULT '',
     created_at TEXT NOT NULL
   );
   CREATE INDEX notes_project ON notes(project_id);
   -- Every image of schema 1 becomes a project whose first operation sets its saved hints.
   INSERT INTO projects (id, image_id, title, created_at, updated_at)
     SELECT lower(hex(randomblob(8))), id, name, imported_at, imported_at FROM images;
   INSERT INTO operations (project_id, parent_id, kind, params_version, params_json, created_at)
     SELECT p.id, NULL, 'hints.set', 1, json_object('hints', json(s.hints_json)), s.updated_at
     FROM hint_states s JOIN projects p ON p.image_id = s.image_id
     WHERE json_array_length(s.hints_json) > 0;
   UPDATE projects SET
     head = (SELECT o.id FROM operations o WHERE o.project_id = projects.id),
     tip = (SELECT o.id FROM operations o WHERE o.project_id = projects.id);
   DROP TABLE hint_states;`,
  // 3: colour references, stored by SHA-256 beside the originals (LIBRARY/references/); which project
  // uses which, with its provenance, is in each project's operation log (reference.add).
  `CREATE TABLE reference_images (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     width INTEGER NOT NULL,
     height INTEGER NOT NULL,
     format TEXT NOT NULL,
     imported_at TEXT NOT NULL
   );`,
];
