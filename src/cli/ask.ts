// faq-skill ask (to be implemented by its issue).
export async function run(_argv: string[]): Promise<number> {
  console.error('faq-skill ask: not available yet')
  return 2
}
