// Independent check: @sigstore/verify (sigstore-js) verifies a nono DSSE
// bundle offline against a pinned public key.
const fs = require('fs');
const crypto = require('crypto');
const { bundleFromJSON } = require('@sigstore/bundle');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');
const [bundlePath, pemPath] = process.argv.slice(2);
const bundle = bundleFromJSON(JSON.parse(fs.readFileSync(bundlePath, 'utf8')));
const key = crypto.createPublicKey(fs.readFileSync(pemPath));
const root = { mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] };
const tm = toTrustMaterial(root, (hint) => ({ publicKey: key, validFor: () => true }));
const v = new Verifier(tm, { tlogThreshold: 0, ctlogThreshold: 0, tsaThreshold: 0 });
try {
  const signer = v.verify(toSignedEntity(bundle));
  console.log('sigstore-js: verified, key hint', bundle.verificationMaterial.content.publicKey.hint);
} catch (e) { console.error('sigstore-js: FAILED:', e.message); process.exit(1); }
