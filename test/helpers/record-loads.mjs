// Loaded with `node --import` by tests: appends the URL of every module awsx loads to $AWSX_TEST_LOAD_LOG,
// so a test can say which chunks (and so which libraries) a command needed.
import { register } from 'node:module';

register(new URL('./record-loads-hooks.mjs', import.meta.url), { data: { log: process.env.AWSX_TEST_LOAD_LOG } });
