// The network's working size for an image: long side near `target`, both sides multiples of 16
// within the model contract's 64..1024 range.

export interface Size {
  width: number;
  height: number;
}

const snap = (v: number): number => Math.min(1024, Math.max(64, Math.round(v / 16) * 16));

export function workingSize(image: Size, target = 256): Size {
  const scale = target / Math.max(image.width, image.height);
  return { width: snap(image.width * scale), height: snap(image.height * scale) };
}
