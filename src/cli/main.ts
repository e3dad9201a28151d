// awsx entry point: parse arguments, then load only the code the chosen command needs.
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2));
