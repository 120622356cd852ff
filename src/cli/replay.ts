// faq-skill replay (to be implemented by its issue).
export async function run(_argv: string[]): Promise<number> {
  console.error('faq-skill replay: not available yet')
  return 2
}
