// faq-skill import (to be implemented by its issue).
export async function run(_argv: string[]): Promise<number> {
  console.error('faq-skill import: not available yet')
  return 2
}
