// An independent C2PA reader for the tests: the Content Authenticity Initiative's c2pa-rs, compiled to
// WebAssembly (@contentauth/c2pa-wasm), which validates signatures, hashed URIs and the data hash. The
// exporter writes with @trustnxt/c2pa-ts, so writer and reader share no code.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initSync, WasmReader } from '@contentauth/c2pa-wasm';
import { z } from 'zod';

let ready = false;
function init(): void {
  if (ready) return;
  initSync({ module: readFileSync(createRequire(import.meta.url).resolve('@contentauth/c2pa-wasm/c2pa.wasm')) });
  ready = true;
}

const Status = z.object({ code: z.string(), explanation: z.string().optional(), url: z.string().optional() });
const Agent = z.object({ name: z.string(), version: z.string().optional() }).catchall(z.unknown());
const Action = z.object({ action: z.string(), digitalSourceType: z.string().optional(), softwareAgent: Agent.optional(), parameters: z.record(z.string(), z.unknown()).optional() });
const Manifest = z.object({
  claim_generator_info: z.array(Agent),
  title: z.string().optional(),
  instance_id: z.string(),
  ingredients: z.array(z.object({ title: z.string(), format: z.string(), instance_id: z.string(), relationship: z.string(), label: z.string() })),
  assertions: z.array(z.object({ label: z.string(), data: z.unknown() })),
  signature_info: z.object({ alg: z.string(), issuer: z.string().optional(), common_name: z.string().optional() }),
});
const Store = z.object({
  active_manifest: z.string(),
  manifests: z.record(z.string(), Manifest),
  validation_state: z.enum(['Invalid', 'Valid', 'Trusted']),
  validation_status: z.array(Status).optional(),
  validation_results: z.object({ activeManifest: z.object({ success: z.array(Status), failure: z.array(Status), informational: z.array(Status) }) }),
});

export type C2paManifest = z.infer<typeof Manifest>;
export type C2paAction = z.infer<typeof Action>;
export interface C2paReading {
  state: z.infer<typeof Store>['validation_state'];
  failures: string[];
  successes: string[];
  manifest: C2paManifest;
  actions: C2paAction[];
  assertion: (label: string) => unknown;
}

/** Read and validate the manifest store in `bytes`; `trustAnchor` (PEM) makes that root trusted. */
export async function readC2pa(bytes: Uint8Array, mime: string, trustAnchor?: string): Promise<C2paReading> {
  init();
  const context = trustAnchor ? JSON.stringify({ trust: { trust_anchors: trustAnchor } }) : undefined;
  const reader = await WasmReader.fromBytes(mime, bytes, context);
  try {
    const store = Store.parse(JSON.parse(reader.json()));
    const manifest = store.manifests[store.active_manifest];
    const assertion = (label: string) => manifest.assertions.find((a) => a.label === label)?.data;
    const actions = z.object({ actions: z.array(Action) }).parse(assertion('c2pa.actions.v2')).actions;
    const results = store.validation_results.activeManifest;
    return { state: store.validation_state, failures: results.failure.map((s) => s.code), successes: results.success.map((s) => s.code), manifest, actions, assertion };
  } finally {
    reader.free();
  }
}
