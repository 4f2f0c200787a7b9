import crypto from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * A software authenticator for inject()-style tests: one P-256 key pair, answers to
 * registration (attestation "none") and sign-in challenges as a browser would post them.
 * For the browser's own virtual authenticator see test/e2e/passkeys.test.ts.
 */

const b64url = (b: Buffer | Uint8Array | string) => Buffer.from(b).toString('base64url');
const sha256 = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest();

export interface SoftAuthenticator {
  credentialId: string;
  /** the answer to navigator.credentials.create() for these options' challenge */
  register(challenge: string, o?: { origin?: string; rpId?: string }): Record<string, unknown>;
  /** the answer to navigator.credentials.get() for this challenge; the counter moves on each time */
  assert(challenge: string, o?: { origin?: string; rpId?: string; userHandle?: string }): Record<string, unknown>;
}

export function softAuthenticator(defaults: { origin: string; rpId: string }): SoftAuthenticator {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const cose = isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url'))],
      [-3, new Uint8Array(Buffer.from(jwk.y ?? '', 'base64url'))],
    ]),
  );
  const rawId = crypto.randomBytes(32);
  const credentialId = b64url(rawId);
  let counter = 0;
  const clientData = (type: string, challenge: string, origin: string) => Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  const authData = (rpId: string, flags: number, extra: Buffer = Buffer.alloc(0)) => {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), c, extra]);
  };
  return {
    credentialId,
    register(challenge, o = {}) {
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(rawId.length);
      // flags: user present, user verified, attested credential data
      const data = authData(o.rpId ?? defaults.rpId, 0x45, Buffer.concat([Buffer.alloc(16), idLength, rawId, Buffer.from(cose)]));
      const attestation = new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', new Uint8Array(data)],
      ]);
      const attestationObject = isoCBOR.encode(attestation as Parameters<typeof isoCBOR.encode>[0]);
      return {
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        clientExtensionResults: {},
        response: {
          clientDataJSON: b64url(clientData('webauthn.create', challenge, o.origin ?? defaults.origin)),
          attestationObject: b64url(attestationObject),
          transports: ['internal'],
        },
      };
    },
    assert(challenge, o = {}) {
      counter++;
      const data = authData(o.rpId ?? defaults.rpId, 0x05);
      const cd = clientData('webauthn.get', challenge, o.origin ?? defaults.origin);
      const signature = crypto.sign('sha256', Buffer.concat([data, sha256(cd)]), privateKey);
      return {
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        clientExtensionResults: {},
        response: {
          clientDataJSON: b64url(cd),
          authenticatorData: b64url(data),
          signature: b64url(signature),
          ...(o.userHandle ? { userHandle: o.userHandle } : {}),
        },
      };
    },
  };
}
