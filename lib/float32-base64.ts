/**
 * OpenAI's `encoding_format: "base64"`: the vector's float32 values, little-endian, base64-encoded.
 * The SDKs ask for it by default (a quarter of the JSON's size); decoding gives exactly the
 * float32 values the `float` format writes as JSON numbers. Written through a DataView so the byte
 * order is little-endian whatever the machine's.
 */
export function float32ToBase64(v: Float32Array): string {
  const bytes = new Uint8Array(v.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < v.length; i++) view.setFloat32(i * 4, v[i] as number, true);
  return Buffer.from(bytes).toString('base64');
}

export function base64ToFloat32(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0)
    throw new Error(`base64 embedding has ${bytes.length} bytes, not a multiple of 4`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
