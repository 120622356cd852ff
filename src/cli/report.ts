// faq-skill report (to be implemented by its issue).
export async function run(_argv: string[]): Promise<number> {
  console.error('faq-skill report: not available yet')
  return 2
}
