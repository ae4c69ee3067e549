/**
 * Where initializer bytes go: inside the .onnx protobuf, or appended to a side file
 * (`model.onnx_data`, ONNX "external data").
 *
 * Protobuf cannot encode a message over 2 GB, and the 0.6B-shaped model is ~2.4 GB, so the big
 * preset must use external data. Writing each tensor to the side file as soon as it is generated
 * also keeps memory flat: only the tensor being generated is ever held in JS.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import type { onnx } from 'onnx-proto';

/** The TensorProto fields that say where a tensor's bytes are. */
export type TensorPlacement = Pick<onnx.ITensorProto, 'rawData' | 'dataLocation' | 'externalData'>;

export interface TensorStore {
  /** Stores `byteLength` bytes delivered as `chunks` (in order) and says where they went. */
  put(byteLength: number, chunks: Iterable<ArrayBufferView>): TensorPlacement;
  /** Flushes and closes any side file. */
  close(): void;
  /** Bytes written outside the .onnx file. */
  readonly externalBytes: number;
}

function asBytes(view: ArrayBufferView): Uint8Array {
  // ONNX raw_data is little-endian, like every platform Node runs on, so a byte view is enough.
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** Keeps every tensor inside the protobuf (small models: one self-contained file). */
export class InlineStore implements TensorStore {
  readonly externalBytes = 0;

  put(byteLength: number, chunks: Iterable<ArrayBufferView>): TensorPlacement {
    const out = new Uint8Array(byteLength);
    let at = 0;
    for (const chunk of chunks) {
      out.set(asBytes(chunk), at);
      at += chunk.byteLength;
    }
    if (at !== byteLength) throw new Error(`tensor delivered ${at} bytes, expected ${byteLength}`);
    return { rawData: out };
  }

  close(): void {}
}

/**
 * Appends tensors of at least `minBytes` to a side file; smaller ones (norm weights, shape
 * constants) stay inline, as `onnx.save(..., save_as_external_data=True)` does with its default
 * 1 KiB threshold. Large tensors start at 64 KiB-aligned offsets, which lets onnxruntime map them
 * straight from the file instead of copying.
 */
export class ExternalStore implements TensorStore {
  private readonly fd: number;
  private readonly location: string;
  private offset = 0;
  private readonly inline = new InlineStore();

  constructor(
    dataPath: string,
    private readonly minBytes = 1024,
    private readonly alignBytes = 64 * 1024,
    private readonly alignAbove = 1024 * 1024,
  ) {
    this.fd = openSync(dataPath, 'w');
    // The location is relative to the .onnx file, which sits in the same folder.
    this.location = basename(dataPath);
  }

  get externalBytes(): number {
    return this.offset;
  }

  put(byteLength: number, chunks: Iterable<ArrayBufferView>): TensorPlacement {
    if (byteLength < this.minBytes) return this.inline.put(byteLength, chunks);
    if (byteLength >= this.alignAbove && this.offset % this.alignBytes !== 0) {
      const pad = this.alignBytes - (this.offset % this.alignBytes);
      writeSync(this.fd, new Uint8Array(pad));
      this.offset += pad;
    }
    const start = this.offset;
    for (const chunk of chunks) {
      const bytes = asBytes(chunk);
      let written = 0;
      while (written < bytes.length) written += writeSync(this.fd, bytes, written);
      this.offset += bytes.length;
    }
    if (this.offset - start !== byteLength) {
      throw new Error(`tensor delivered ${this.offset - start} bytes, expected ${byteLength}`);
    }
    return {
      dataLocation: 1, // onnx.TensorProto.DataLocation.EXTERNAL
      externalData: [
        { key: 'location', value: this.location },
        { key: 'offset', value: String(start) },
        { key: 'length', value: String(byteLength) },
      ],
    };
  }

  close(): void {
    closeSync(this.fd);
  }
}
