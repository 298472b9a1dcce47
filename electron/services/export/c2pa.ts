// Content Credentials (C2PA 2.x) for an export, signed offline with the archive's identity, written by
// @trustnxt/c2pa-ts (pure TypeScript; JPEG and PNG by its own assets, TIFF by ./c2pa-tiff.ts, since it
// has none for TIFF). The manifest says:
//   - c2pa.ingredient.v3: the original scan, parentOf, by name, format and SHA-256 (as its instanceID,
//     the same `sha256:…` the XMP's xmpMM:DerivedFrom gives);
//   - c2pa.actions.v2: c2pa.opened of that ingredient, then c2pa.color_adjustments with digitalSourceType
//     compositeWithTrainedAlgorithmicMedia, its softwareAgent naming the app, its version and the model
//     (file, contract, SHA-256);
//   - app.tintype.recipe: the sidecar recipe's name and SHA-256, and the model's and original's hashes;
//   - c2pa.hash.data: the hard binding of every other byte of the file.
// The signature is ECDSA in COSE's raw r|s form (RFC 8152), made by Node's crypto: the library's own
// signer writes DER, which C2PA validators reject.
import { createHash, randomUUID, sign } from 'node:crypto';
import path from 'node:path';
import { JPEG, PNG } from '@trustnxt/c2pa-ts/asset';
import { CoseAlgorithmIdentifier, type Signer } from '@trustnxt/c2pa-ts/cose';
import { CBORBox, type IBox } from '@trustnxt/c2pa-ts/jumbf';
import { ActionAssertion, ActionType, Assertion, ClaimVersion, DataHashAssertion, DigitalSourceType, IngredientAssertion, ManifestStore, RelationshipType, Signature, type Claim } from '@trustnxt/c2pa-ts/manifest';
import { X509Certificate } from '@peculiar/x509';
import { TiffAsset } from './c2pa-tiff';
import { AppFailure } from '../../../shared/ipc/errors';
import type { ExportFormat, Recipe } from '../../../shared/model/recipe';
import { APP } from '../app-info';
import type { SigningAlgorithm, SigningIdentity } from './signing-identity';

/** The formats that carry Content Credentials. */
export const C2PA_FORMATS: readonly ExportFormat[] = ['jpeg', 'png8', 'png16', 'tiff16'];

export const RECIPE_ASSERTION = 'app.tintype.recipe';
export const COLORIZE_ACTION = ActionType.C2paColorAdjustments;

const COSE: Record<SigningAlgorithm, { id: CoseAlgorithmIdentifier; digest: string | null }> = {
  ES256: { id: CoseAlgorithmIdentifier.ES256, digest: 'sha256' },
  ES384: { id: CoseAlgorithmIdentifier.ES384, digest: 'sha384' },
  ES512: { id: CoseAlgorithmIdentifier.ES512, digest: 'sha512' },
  Ed25519: { id: CoseAlgorithmIdentifier.Ed25519, digest: null },
};

/** No time-stamp authority offline, so the signature needs only a little room to settle into. */
const SIGNATURE_PADDING = 512;

function signerFor(identity: SigningIdentity): Signer {
  const { id, digest } = COSE[identity.algorithm];
  const [leaf, ...rest] = identity.chain.map((der) => new X509Certificate(der));
  return {
    algorithm: id,
    certificate: leaf,
    chainCertificates: rest,
    sign: async (payload) => new Uint8Array(sign(digest, payload, { key: identity.key, dsaEncoding: 'ieee-p1363' })),
  };
}

/** An assertion whose content is a CBOR map of our own, under an entity-specific label. */
class CborAssertion extends Assertion {
  constructor(
    label: string,
    private readonly data: Record<string, unknown>,
  ) {
    super();
    this.label = label;
    this.uuid = CBOR_UUID;
  }

  readContentFromJUMBF(): void {
    throw new AppFailure('internal', 'Tintype writes this assertion; it never reads it through the writer.');
  }

  generateJUMBFBoxForContent(): IBox {
    const box = new CBORBox();
    box.content = this.data;
    return box;
  }
}

/** The JUMBF content type of a CBOR assertion ("cbor" + the ISO suffix). */
const CBOR_UUID = Uint8Array.from(Buffer.from('63626f72001100108000' + '00aa00389b71', 'hex'));

/** c2pa.actions.v2 whose colorizing action's softwareAgent also names the model: the writer keeps only
 * name and version of a softwareAgent, and C2PA's generator-info map is open to more fields. */
class ColorizeActions extends ActionAssertion {
  constructor(private readonly model: Record<string, string>) {
    super();
  }

  override generateJUMBFBoxForContent(claim: Claim): IBox {
    const box = super.generateJUMBFBoxForContent(claim);
    const content = (box as CBORBox).content as { actions: { action: string; softwareAgent?: Record<string, unknown> }[] };
    for (const a of content.actions) if (a.action === COLORIZE_ACTION && a.softwareAgent) a.softwareAgent.model = this.model;
    return box;
  }
}

const MIME: Record<ExportFormat, string> = { jpeg: 'image/jpeg', png8: 'image/png', png16: 'image/png', tiff16: 'image/tiff' };

export interface CredentialsInput {
  /** The encoded export, with its XMP and ICC profile. */
  encoded: Buffer;
  format: ExportFormat;
  exportName: string;
  recipe: Recipe;
  /** The sidecar exactly as written, whose SHA-256 the manifest states. */
  recipeText: string;
  recipeName: string;
  /** The original's MIME type. */
  originalFormat: string;
}

export interface SignedExport {
  bytes: Buffer;
  /** Bytes of the manifest store (JUMBF). */
  manifestBytes: number;
}

const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');

/** Refused before anything is encoded when the format cannot carry Content Credentials. */
export function assertC2paFormat(format: ExportFormat): void {
  if (!C2PA_FORMATS.includes(format)) throw new AppFailure('invalid-payload', `Content Credentials are written into JPEG, PNG and TIFF exports; ${format} cannot carry them. Export without signing.`);
}

/** `i.encoded` with a signed C2PA manifest store embedded. */
export async function withContentCredentials(i: CredentialsInput, identity: SigningIdentity): Promise<SignedExport> {
  assertC2paFormat(i.format);
  const asset = i.format === 'jpeg' ? new JPEG(i.encoded) : i.format === 'tiff16' ? new TiffAsset(i.encoded) : new PNG(i.encoded);
  const signer = signerFor(identity);
  const store = new ManifestStore();
  const manifest = store.createManifest({ claimVersion: ClaimVersion.V2, assetFormat: MIME[i.format], instanceID: `xmp:iid:${randomUUID()}`, defaultHashAlgorithm: 'SHA-256', signer });
  manifest.signature = Signature.create(signer, SIGNATURE_PADDING);
  const claim = manifest.claim as Claim;
  claim.claimGeneratorName = APP.name;
  claim.claimGeneratorVersion = APP.version;
  claim.title = i.exportName;

  const r = i.recipe;
  const parent = IngredientAssertion.createV3(RelationshipType.ParentOf);
  parent.title = r.original.name;
  parent.format = i.originalFormat;
  parent.instanceID = `sha256:${r.original.sha256}`;
  manifest.addAssertion(parent);

  const model = { file: r.model.file, version: r.model.contract, sha256: r.model.sha256 };
  const actions = new ColorizeActions(model);
  const agent = { name: APP.name, version: APP.version };
  actions.actions = [
    { action: ActionType.C2paOpened, softwareAgent: agent, parameters: { ingredients: [manifest.createAssertionReference(parent)], description: `Opened the original scan ${r.original.name}` } },
    {
      action: COLORIZE_ACTION,
      // The XMP's Iptc4xmpExt:DigitalSourceType (xmp.ts DIGITAL_SOURCE_TYPE), from the writer's own list.
      digitalSourceType: DigitalSourceType.CompositeWithTrainedAlgorithmicMedia,
      softwareAgent: agent,
      parameters: { description: `Colorized by the trained model ${r.model.file} from ${r.hints.length} hints, ${r.strokes.length} strokes and ${r.regions.length} regions, as the sidecar recipe ${i.recipeName} records` },
    },
  ];
  manifest.addAssertion(actions);

  manifest.addAssertion(
    new CborAssertion(RECIPE_ASSERTION, {
      recipe: { file: i.recipeName, format: r.format, version: r.version, sha256: sha256(i.recipeText) },
      original: { name: r.original.name, sha256: r.original.sha256 },
      model,
    }),
  );

  const hash = DataHashAssertion.create('SHA-256');
  manifest.addAssertion(hash);
  try {
    await asset.ensureManifestSpace(store.measureSize());
    await hash.updateWithAsset(asset);
    await manifest.sign(signer);
    const jumbf = store.getBytes();
    await asset.writeManifestJUMBF(jumbf);
    return { bytes: Buffer.from(await asset.getDataRange()), manifestBytes: jumbf.length };
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    throw new AppFailure('internal', `Could not sign ${path.basename(i.exportName)} with Content Credentials: ${(e as Error).message}`);
  }
}
