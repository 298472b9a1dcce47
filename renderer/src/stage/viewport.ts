// Zoom and pan of the stage: a scale and an offset, fitted to the container or zoomed about a point.

export interface View {
  scale: number;
  x: number;
  y: number;
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 32;

export function fitView(content: { width: number; height: number }, box: { width: number; height: number }): View {
  const scale = Math.min(box.width / content.width, box.height / content.height) * 0.95;
  return { scale, x: (box.width - content.width * scale) / 2, y: (box.height - content.height * scale) / 2 };
}

export function zoomAbout(view: View, factor: number, px: number, py: number): View {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
  const k = scale / view.scale;
  return { scale, x: px - (px - view.x) * k, y: py - (py - view.y) * k };
}
