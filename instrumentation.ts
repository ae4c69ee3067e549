/** Next calls register() once when the server starts: begin loading the model then, not at the first request. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getEmbedder } = await import('./server/instance');
    getEmbedder();
  }
}
