// The catalog fields of a project and the fields of a provenance note: one schema for each, applied
// wherever they enter (the updateProject and addNote calls, and recipes read back by importRecipe and
// the CLI's --recipe), so nothing stored can be refused later.
import { z } from 'zod';

const Text = (max: number) => z.string().max(max);

/** The catalog as a recipe may carry it: the title may be empty (the image's name is used then). */
export const CatalogFieldsSchema = z.object({
  title: Text(300),
  collection: Text(300),
  accession: Text(200),
  photographer: Text(300),
  date: Text(100),
  source: Text(2000),
  rights: Text(2000),
  tags: z.array(z.string().min(1).max(60)).max(100),
});

export const CatalogMetaSchema = CatalogFieldsSchema.extend({ title: z.string().min(1, 'a project needs a title').max(300) });

export const NoteFieldsSchema = z.object({
  text: z.string().trim().min(1, 'a note needs text').max(20_000),
  author: Text(200),
  source: Text(2000),
});
