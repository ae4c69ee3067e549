/** Helpers for the API tests: the server under test is at BASE_URL (started by scripts/test-all.sh). */
// Not BASE_URL: vite defines that one as '/'.
export const BASE_URL = process.env.SERVER_URL ?? 'http://127.0.0.1:3000';

export async function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${BASE_URL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

export async function getJson(path: string) {
  const res = await fetch(`${BASE_URL}${path}`);
  return { status: res.status, headers: res.headers, json: (await res.json()) as any };
}

export function norm(v: number[]): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}

export const SEED_BASE = [
  '苹果是一种很好吃的水果',
  '香蕉富含钾元素,有助于肌肉恢复',
  '我想吃点东西',
  '今天北京天气晴朗,气温25度',
];
