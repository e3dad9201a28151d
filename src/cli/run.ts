export async function run(_argv: string[]): Promise<number> {
  process.stdout.write('awsx\n');
  return 0;
}
