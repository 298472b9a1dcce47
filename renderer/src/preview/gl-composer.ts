// The preview's composite on the GPU: shared/imaging/shader.ts's fragment shader (the row composer's
// arithmetic) over a WebGL2 canvas, one draw per result. The display copy's L*, its own pixels and the
// regions' layer are uploaded when they change; a result uploads only the working-size a*b* and L*.
// `create` returns null where WebGL2 is unavailable or only a software rasteriser: the CPU composer
// (in a worker, faster than a software GL) takes over.
import { FRAGMENT_SHADER, VERTEX_SHADER } from '../../../shared/imaging/shader';

type Gl = WebGL2RenderingContext;

function compile(gl: Gl, type: number, source: string): WebGLShader {
  const s = gl.createShader(type);
  if (!s) throw new Error('no shader');
  gl.shaderSource(s, source);
  gl.compileShader(s);
  if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(`shader: ${gl.getShaderInfoLog(s) ?? ''}`);
  return s;
}

interface TextureFormat {
  internal: number;
  format: number;
  type: number;
}

export class GlComposer {
  private readonly textures = new Map<string, WebGLTexture>();
  private readonly uniforms: Record<'out' | 'grid' | 'regions', WebGLUniformLocation | null>;
  private regions = false;

  private constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly gl: Gl,
    private readonly width: number,
    private readonly height: number,
  ) {
    const program = gl.createProgram();
    gl.attachShader(program, compile(gl, gl.VERTEX_SHADER, VERTEX_SHADER));
    gl.attachShader(program, compile(gl, gl.FRAGMENT_SHADER, FRAGMENT_SHADER));
    gl.linkProgram(program);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`program: ${gl.getProgramInfoLog(program) ?? ''}`);
    gl.useProgram(program);
    const buffer = gl.createBuffer();
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 3, -1, -1, 3]), gl.STATIC_DRAW);
    const corner = gl.getAttribLocation(program, 'corner');
    gl.enableVertexAttribArray(corner);
    gl.vertexAttribPointer(corner, 2, gl.FLOAT, false, 0, 0);
    ['uAb', 'uLow', 'uL', 'uLayer', 'uScan'].forEach((name, unit) => {
      gl.uniform1i(gl.getUniformLocation(program, name), unit);
      gl.activeTexture(gl.TEXTURE0 + unit);
      const t = gl.createTexture();
      gl.bindTexture(gl.TEXTURE_2D, t);
      for (const p of [gl.TEXTURE_MIN_FILTER, gl.TEXTURE_MAG_FILTER]) gl.texParameteri(gl.TEXTURE_2D, p, gl.NEAREST);
      for (const p of [gl.TEXTURE_WRAP_S, gl.TEXTURE_WRAP_T]) gl.texParameteri(gl.TEXTURE_2D, p, gl.CLAMP_TO_EDGE);
      this.textures.set(name, t);
    });
    this.uniforms = { out: gl.getUniformLocation(program, 'uOut'), grid: gl.getUniformLocation(program, 'uGrid'), regions: gl.getUniformLocation(program, 'uRegions') };
    gl.uniform2i(this.uniforms.out, width, height);
    gl.uniform1i(this.uniforms.regions, 0);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.pixelStorei(gl.PACK_ALIGNMENT, 1);
    gl.viewport(0, 0, width, height);
    // An empty layer until regions arrive (a sampler must have a complete texture bound).
    this.upload('uLayer', 1, 1, { internal: gl.RGBA32F, format: gl.RGBA, type: gl.FLOAT }, new Float32Array([1, 0, 0, 0]));
  }

  /** A composer for a `width` x `height` display copy, or null without WebGL2 (or, unless
   * `software`, where WebGL2 is a software rasteriser). */
  static create(width: number, height: number, software = false): GlComposer | null {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    // Kept between frames: Konva draws this canvas whenever its layer redraws, and the eyedropper reads it.
    const gl = canvas.getContext('webgl2', { preserveDrawingBuffer: true, antialias: false, depth: false, stencil: false, premultipliedAlpha: false });
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    if (!software && /swiftshader|llvmpipe|softpipe|software/i.test(renderer)) {
      gl.getExtension('WEBGL_lose_context')?.loseContext();
      return null;
    }
    try {
      return new GlComposer(canvas, gl, width, height);
    } catch (e) {
      console.warn(`WebGL2 composite unavailable, using the CPU: ${(e as Error).message}`);
      return null;
    }
  }

  private upload(name: string, w: number, h: number, f: TextureFormat, data: ArrayBufferView): void {
    const gl = this.gl;
    const unit = ['uAb', 'uLow', 'uL', 'uLayer', 'uScan'].indexOf(name);
    gl.activeTexture(gl.TEXTURE0 + unit);
    gl.bindTexture(gl.TEXTURE_2D, this.textures.get(name) ?? null);
    gl.texImage2D(gl.TEXTURE_2D, 0, f.internal, w, h, 0, f.format, f.type, data);
  }

  /** The display copy's own RGBA (for keep-original). */
  setScan(rgba: Uint8ClampedArray | Uint8Array): void {
    const gl = this.gl;
    this.upload('uScan', this.width, this.height, { internal: gl.RGBA8, format: gl.RGBA, type: gl.UNSIGNED_BYTE }, new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength));
  }

  /** The display copy's restored L* (0..100). */
  setLightness(l: Float32Array): void {
    const gl = this.gl;
    this.upload('uL', this.width, this.height, { internal: gl.R32F, format: gl.RED, type: gl.FLOAT }, l);
  }

  /** shared/imaging/compose.ts's `regionLayer`, or null without regions. */
  setRegions(layer: Float32Array | null): void {
    const gl = this.gl;
    this.regions = !!layer;
    if (layer) this.upload('uLayer', this.width, this.height, { internal: gl.RGBA32F, format: gl.RGBA, type: gl.FLOAT }, layer);
    gl.uniform1i(this.uniforms.regions, this.regions ? 1 : 0);
  }

  /** Paint a result: interleaved Int8 a*, b* and the network's L* (8-bit codes) at `gridWidth` x
   * `gridHeight`. Returns a poll: true once the GPU has finished the draw. */
  draw(gridWidth: number, gridHeight: number, ab: Uint8Array, l8: Uint8Array): () => boolean {
    const gl = this.gl;
    this.upload('uAb', gridWidth, gridHeight, { internal: gl.RG8I, format: gl.RG_INTEGER, type: gl.BYTE }, new Int8Array(ab.buffer, ab.byteOffset, ab.byteLength));
    this.upload('uLow', gridWidth, gridHeight, { internal: gl.R8, format: gl.RED, type: gl.UNSIGNED_BYTE }, l8);
    gl.uniform2i(this.uniforms.grid, gridWidth, gridHeight);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    const fence = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    gl.flush();
    let done = !fence;
    return () => {
      if (!done && fence && gl.clientWaitSync(fence, 0, 0) !== gl.TIMEOUT_EXPIRED) {
        done = true;
        gl.deleteSync(fence);
      }
      return done;
    };
  }

  /** RGBA of the image on the canvas, rows top first (as the CPU composer writes them). */
  pixels(x = 0, y = 0, w = this.width, h = this.height): Uint8ClampedArray {
    const gl = this.gl;
    const raw = new Uint8Array(4 * w * h);
    gl.readPixels(x, this.height - y - h, w, h, gl.RGBA, gl.UNSIGNED_BYTE, raw);
    const out = new Uint8ClampedArray(raw.length);
    for (let r = 0; r < h; r++) out.set(raw.subarray(4 * (h - 1 - r) * w, 4 * (h - r) * w), 4 * r * w);
    return out;
  }

  dispose(): void {
    this.gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
