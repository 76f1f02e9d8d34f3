import type { ManageContext } from '../api.ts';

/** Dispatches argv to a command. (Commands are added as they are implemented.) */
export async function runCommandLine(argv: string[], ctx: ManageContext): Promise<number> {
  const name = argv[0] ?? 'help';
  ctx.io.stderr(`Unknown command: '${name}' (not supported yet by Django Migrations Lab)\n`);
  return 1;
}
