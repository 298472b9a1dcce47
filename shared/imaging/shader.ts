// The row composer (compose.ts) as a WebGL2 fragment shader, one fragment per display pixel: the same
// half-pixel source positions, the same range-weighted bilinear upsampling of the network's a*b*
// guided by L* (|ΔL*| quantised to tenths, as the CPU's table is), the regions' layer (regionLayer),
// the same L*a*b* -> sRGB (lab.ts's constants and formulas) and the keep-original blend. Written from
// those modules' constants so the two paths cannot drift apart.
import { SIGMA_L } from './compose';
import { F_KNEE, KAPPA, WHITE_X, WHITE_Z, XYZ_TO_RGB } from './lab';
import { SRGB_GAMMA, SRGB_KNEE, SRGB_SLOPE } from './srgb';

const f = (v: number): string => (Number.isInteger(v) ? v.toFixed(1) : String(v));

export const VERTEX_SHADER = `#version 300 es
in vec2 corner;
void main() { gl_Position = vec4(corner, 0.0, 1.0); }
`;

/** Textures: uAb (RG8I, a*, b* at the working size), uLow (R8, the L* the network saw · 2.55),
 * uL (R32F, the display copy's restored L*), uLayer (RGBA32F, regionLayer; used when uRegions),
 * uScan (RGBA8, the display copy's own pixels). */
export const FRAGMENT_SHADER = `#version 300 es
precision highp float;
precision highp int;
uniform highp isampler2D uAb;
uniform sampler2D uLow;
uniform sampler2D uL;
uniform sampler2D uLayer;
uniform sampler2D uScan;
uniform ivec2 uOut;
uniform ivec2 uGrid;
uniform bool uRegions;
out vec4 color;

// Source position, its two neighbours and the weight of the second, along one axis.
vec3 axis(int d, int src, int outN) {
  float s = clamp((float(d) + 0.5) * float(src) / float(outN) - 0.5, 0.0, float(src - 1));
  float i0 = floor(s);
  return vec3(i0, min(float(src - 1), i0 + 1.0), s - i0);
}

float range(float lf10, float low10) {
  float t = min(floor(abs(lf10 - low10)), 1000.0) / 10.0;
  return exp(-(t * t) / ${f(2 * SIGMA_L * SIGMA_L)});
}

float finv(float v) { return v > ${f(F_KNEE)} ? v * v * v : (v - 16.0 / 116.0) / ${f(KAPPA)}; }

float encode(float v) {
  v = clamp(v, 0.0, 1.0);
  return v > ${f(SRGB_KNEE)} ? 1.055 * pow(v, 1.0 / ${f(SRGB_GAMMA)}) - 0.055 : ${f(SRGB_SLOPE)} * v;
}

void main() {
  ivec2 p = ivec2(int(gl_FragCoord.x), uOut.y - 1 - int(gl_FragCoord.y));
  vec3 ax = axis(p.x, uGrid.x, uOut.x);
  vec3 ay = axis(p.y, uGrid.y, uOut.y);
  ivec2 q0 = ivec2(int(ax.x), int(ay.x));
  ivec2 q1 = ivec2(int(ax.y), int(ay.x));
  ivec2 q2 = ivec2(int(ax.x), int(ay.y));
  ivec2 q3 = ivec2(int(ax.y), int(ay.y));
  float l = texelFetch(uL, p, 0).r;
  float lf10 = l * 10.0;
  float fx = ax.z;
  float fy = ay.z;
  vec4 w = vec4((1.0 - fx) * (1.0 - fy), fx * (1.0 - fy), (1.0 - fx) * fy, fx * fy);
  vec4 g = w * vec4(
    range(lf10, texelFetch(uLow, q0, 0).r * 1000.0),
    range(lf10, texelFetch(uLow, q1, 0).r * 1000.0),
    range(lf10, texelFetch(uLow, q2, 0).r * 1000.0),
    range(lf10, texelFetch(uLow, q3, 0).r * 1000.0));
  if (g.x + g.y + g.z + g.w <= 1e-6) g = w;
  vec2 ab = (g.x * vec2(texelFetch(uAb, q0, 0).rg) + g.y * vec2(texelFetch(uAb, q1, 0).rg)
           + g.z * vec2(texelFetch(uAb, q2, 0).rg) + g.w * vec2(texelFetch(uAb, q3, 0).rg)) / (g.x + g.y + g.z + g.w);
  float keep = 0.0;
  if (uRegions) {
    vec4 layer = texelFetch(uLayer, p, 0);
    ab = layer.x * ab + layer.yz;
    keep = layer.w;
  }
  float fl = (l + 16.0) / 116.0;
  vec3 xyz = vec3(finv(fl + ab.x / 500.0) * ${f(WHITE_X)}, finv(fl), finv(fl - ab.y / 200.0) * ${f(WHITE_Z)});
  mat3 toRgb = transpose(mat3(${XYZ_TO_RGB.map(f).join(', ')}));
  vec3 lin = toRgb * xyz;
  vec3 rgb = vec3(encode(lin.r), encode(lin.g), encode(lin.b));
  color = vec4(mix(rgb, texelFetch(uScan, p, 0).rgb, keep), 1.0);
}
`;
