import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from "node:crypto";

/**
 * Protection of identity numbers at rest (docs/decisions/003-sessions-and-authorisation.md):
 * an HMAC for uniqueness and the one-subsidy-per-person rule, and an AES-256-GCM
 * ciphertext that only the owner and a reviewing bureau see decrypted.
 *
 * Both keys are derived from the one `PII_KEY` secret with HKDF-SHA256, each under its
 * own label. The GCM nonce is synthetic: an HMAC of the identity number under a third
 * derived key. Encryption is therefore deterministic (re-encrypting a number gives the
 * same text, so demo data is reproducible), which reveals nothing the stored hash does
 * not already reveal, and two different numbers never share a nonce.
 */

const CIPHER_VERSION = "v1";
const NONCE_BYTES = 12;

type PiiKeys = { hash: Buffer; encryption: Buffer; nonce: Buffer };

const derivedKeys = new Map<string, PiiKeys>();

function keysOf(secret: string): PiiKeys {
  let keys = derivedKeys.get(secret);
  if (!keys) {
    const derive = (label: string) =>
      Buffer.from(hkdfSync("sha256", secret, "parkbridge-pii", `parkbridge:id-number:${label}`, 32));
    keys = { hash: derive("hash"), encryption: derive("encryption"), nonce: derive("nonce") };
    derivedKeys.set(secret, keys);
  }
  return keys;
}

/** The canonical form every function here works on: no spaces, upper-case X. */
function canonical(idNumber: string): string {
  return idNumber.trim().toUpperCase();
}

/** HMAC-SHA256 of the identity number, hex: stable for a given key. */
export function hashIdNumber(idNumber: string, key: string): string {
  return createHmac("sha256", keysOf(key).hash).update(canonical(idNumber)).digest("hex");
}

/** AES-256-GCM ciphertext as "v1:<nonce b64>:<tag b64>:<ciphertext b64>". */
export function encryptIdNumber(idNumber: string, key: string): string {
  const keys = keysOf(key);
  const plain = canonical(idNumber);
  const nonce = createHmac("sha256", keys.nonce).update(plain).digest().subarray(0, NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keys.encryption, nonce);
  const text = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [CIPHER_VERSION, nonce.toString("base64"), tag.toString("base64"), text.toString("base64")].join(":");
}

/** The identity number in clear; throws when the key is wrong or the text was altered. */
export function decryptIdNumber(cipherText: string, key: string): string {
  const [version, nonce, tag, text] = cipherText.split(":");
  if (version !== CIPHER_VERSION || !nonce || !tag || text === undefined) {
    throw new Error("身份证号密文格式无法识别");
  }
  const decipher = createDecipheriv("aes-256-gcm", keysOf(key).encryption, Buffer.from(nonce, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(text, "base64")), decipher.final()]).toString("utf8");
  } catch (error) {
    throw new Error("身份证号密文无法解密：密钥不符或数据已被改动", { cause: error });
  }
}
