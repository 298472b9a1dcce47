// Picks a hint colour in Lab: the in-gamut a*b* plane at the point's lightness, hex and RGB entry,
// recent colours, and the eyedropper (armed here, used on the stage).
import { useEffect, useRef, useState } from 'react';
import { hexToRgb, inGamut, labToRgb, rgbToHex, rgbToLab } from '../../../shared/imaging/color';

export interface AbColor {
  a: number;
  b: number;
}

interface Props {
  lightness: number;
  value: AbColor;
  recent: AbColor[];
  eyedropper: boolean;
  /** `live` while the a*b* plane is being scrubbed; a final call with live = false ends the gesture. */
  onChange: (c: AbColor, live?: boolean) => void;
  onEyedropper: () => void;
}

const SIZE = 180;
const RANGE = 110;

const toAb = (px: number, py: number): AbColor => ({
  a: ((px / SIZE) * 2 - 1) * RANGE,
  b: (1 - (py / SIZE) * 2) * RANGE,
});

function drawPlane(canvas: HTMLCanvasElement, l: number): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(SIZE, SIZE);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const { a, b } = toAb(x + 0.5, y + 0.5);
      const j = 4 * (y * SIZE + x);
      const ok = inGamut(l, a, b, 0.002);
      const [r, g, bl] = ok ? labToRgb(l, a, b) : [0.16, 0.16, 0.16];
      img.data[j] = r * 255;
      img.data[j + 1] = g * 255;
      img.data[j + 2] = bl * 255;
      img.data[j + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
}

export function swatch(l: number, c: AbColor): string {
  return rgbToHex(labToRgb(l, c.a, c.b));
}

export function ColorPicker({ lightness, value, recent, eyedropper, onChange, onEyedropper }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const scrubbed = useRef<AbColor | null>(null);
  const [hex, setHex] = useState(swatch(lightness, value));
  const rounded = Math.round(lightness);
  useEffect(() => {
    if (canvas.current) drawPlane(canvas.current, rounded);
  }, [rounded]);
  useEffect(() => setHex(swatch(lightness, value)), [lightness, value]);

  const pick = (e: React.PointerEvent<HTMLCanvasElement>): void => {
    if (e.buttons !== 1) return;
    const r = e.currentTarget.getBoundingClientRect();
    const c = toAb(e.clientX - r.left, e.clientY - r.top);
    if (inGamut(lightness, c.a, c.b, 0.002)) {
      scrubbed.current = c;
      onChange(c, true);
    }
  };
  const endScrub = (): void => {
    if (scrubbed.current) onChange(scrubbed.current, false);
    scrubbed.current = null;
  };
  const applyHex = (): void => {
    const rgb = hexToRgb(hex);
    if (!rgb) return;
    const [, a, b] = rgbToLab(...rgb);
    onChange({ a, b });
  };
  const rgb = labToRgb(lightness, value.a, value.b).map((v) => Math.round(v * 255));
  const setChannel = (i: number, v: number): void => {
    const next = [...rgb];
    next[i] = Math.max(0, Math.min(255, v || 0));
    const [, a, b] = rgbToLab(next[0] / 255, next[1] / 255, next[2] / 255);
    onChange({ a, b });
  };
  const mx = ((value.a / RANGE + 1) / 2) * SIZE;
  const my = ((1 - value.b / RANGE) / 2) * SIZE;

  return (
    <section className="picker" aria-label="Hint colour">
      <div className="plane">
        <canvas ref={canvas} width={SIZE} height={SIZE} onPointerDown={(e) => { e.currentTarget.setPointerCapture(e.pointerId); pick(e); }} onPointerMove={pick} onPointerUp={endScrub} onLostPointerCapture={endScrub} data-testid="ab-plane" />
        <div className="plane-marker" style={{ left: mx, top: my }} />
      </div>
      <div className="picker-row">
        <span className="swatch big" style={{ background: swatch(lightness, value) }} />
        <label>
          Hex <input data-testid="hex-input" value={hex} onChange={(e) => setHex(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && applyHex()} onBlur={applyHex} size={8} />
        </label>
        <button type="button" className={eyedropper ? 'active' : ''} onClick={onEyedropper} title="Eyedropper: pick a colour from the preview (I)">
          Eyedropper
        </button>
      </div>
      <div className="picker-row">
        {['R', 'G', 'B'].map((n, i) => (
          <label key={n}>
            {n} <input type="number" min={0} max={255} value={rgb[i]} onChange={(e) => setChannel(i, Number(e.target.value))} />
          </label>
        ))}
      </div>
      <div className="picker-meta">
        L* {lightness.toFixed(0)} · a* {value.a.toFixed(0)} · b* {value.b.toFixed(0)}
      </div>
      <div className="recent" aria-label="Recent colours">
        {recent.map((c, i) => (
          <button type="button" key={i} className="swatch" style={{ background: swatch(lightness, c) }} onClick={() => onChange(c)} title={`a* ${c.a.toFixed(0)}, b* ${c.b.toFixed(0)}`} />
        ))}
      </div>
    </section>
  );
}
