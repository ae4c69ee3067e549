import { describe, expect, it } from 'vitest';
import { clampUnit, formatFixed4, formatMs } from './format';
import { en } from './i18n/en';
import { zh } from './i18n/zh';

describe('formatFixed4', () => {
  it('shows four decimals, padding and rounding', () => {
    expect(formatFixed4(0.92171)).toBe('0.9217');
    expect(formatFixed4(-0.5)).toBe('-0.5000');
  });
});

describe('clampUnit', () => {
  it('keeps scores inside 0..1 for a progress bar', () => {
    expect(clampUnit(-0.2)).toBe(0);
    expect(clampUnit(0.3)).toBe(0.3);
    expect(clampUnit(1.0000001)).toBe(1);
    expect(clampUnit(Number.NaN)).toBe(0);
  });
});

describe('formatMs', () => {
  it('uses milliseconds below a second and seconds above', () => {
    const units = en.results.units;
    expect(formatMs(0.2, units)).toBe('<1 ms');
    expect(formatMs(12.4, units)).toBe('12 ms');
    expect(formatMs(1234, units)).toBe('1.23 s');
    expect(formatMs(65_000, units)).toBe('65.0 s');
  });

  it('writes the units in the language of the catalogue it is given', () => {
    const units = zh.results.units;
    expect(formatMs(0.2, units)).toBe('<1 毫秒');
    expect(formatMs(12.4, units)).toBe('12 毫秒');
    expect(formatMs(1234, units)).toBe('1.23 秒');
  });
});
