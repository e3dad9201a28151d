// awsx entry point: parse arguments, then load only the code the chosen command needs.
import { run } from './run.js';

const code = await run(process.argv.slice(2));
// Open sockets (keep-alive agents) must not hold the process; stdout/stderr writes are synchronous here.
process.exit(code);
