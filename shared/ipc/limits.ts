// Limits decided once for every path that reads an image (import, preview, export, the CLI).

/** Largest image accepted, in pixels. Export memory grows with the pixel count (a 100 MP export peaks
 * near 3 GB; a 400 MP 16-bit scan reached 7.2 GB before it failed), so this is the size a 16 GB machine
 * can still export; it is also below sharp's own default (268 MP), so no read is ever refused by a
 * limit other than this one. Import refuses anything larger with a typed image-too-large. */
export const MAX_IMAGE_PIXELS = 250_000_000;

export const PIXEL_LIMIT_MESSAGE = `The image is larger than ${MAX_IMAGE_PIXELS / 1e6} megapixels, the most Tintype can colorize and export.`;

/** Most vertices in one guidance, over all its strokes and outlines (each stroke may have 20,000 and
 * there may be 2,000 strokes, but not both: 40 M points would take minutes to draw). */
export const MAX_GUIDANCE_POINTS = 200_000;
/** Most vertices of one region's outline. */
export const MAX_REGION_POINTS = 20_000;

/** Work allowed for drawing a guidance into a w x h grid, in pixel tests: proportional to the grid,
 * so what draws at the network's working size (about 23 M tests, tens of milliseconds) also draws at
 * full size for the export. */
export const rasterWork = (w: number, h: number): number => 64 * w * h + 20_000_000;
