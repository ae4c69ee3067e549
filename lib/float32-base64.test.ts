import { describe, expect, test } from 'vitest';
import { base64ToFloat32, float32ToBase64 } from './float32-base64';

describe('float32 base64 encoding', () => {
  test('round-trips every value bit for bit, including subnormals and signed zero', () => {
    const v = new Float32Array([0.1, -0.25, 1e-40, -0, 3.4e38, 0.123456789]);
    const back = base64ToFloat32(float32ToBase64(v));
    expect(Array.from(back)).toEqual(Array.from(v));
    expect(Object.is(back[3], -0)).toBe(true);
  });

  test('writes little-endian bytes: 1.0 is 00 00 80 3f', () => {
    expect(Buffer.from(float32ToBase64(new Float32Array([1])), 'base64')).toEqual(
      Buffer.from([0x00, 0x00, 0x80, 0x3f]),
    );
  });

  test('refuses a byte count that is not a whole number of floats', () => {
    expect(() => base64ToFloat32(Buffer.from([1, 2, 3]).toString('base64'))).toThrow(/multiple of 4/);
  });
});
