// Styling text the way an Ink <Text> does, as a plain string: a row is one text node whose runs are already
// styled, instead of a tree of nested <Text> elements (each a React element, a closure and a style object,
// re-created for every visible row on every keystroke). Same chalk instance as Ink, same order as Ink's
// Text (colour, bold, underline, inverse) and Ink's colour names and formats, so the screen is the same.
import chalk from 'chalk';

export interface Paint {
  color?: string | undefined;
  bold?: boolean | undefined;
  underline?: boolean | undefined;
  inverse?: boolean | undefined;
}

const RGB = /^rgb\(\s?(\d+),\s?(\d+),\s?(\d+)\s?\)$/;
const ANSI256 = /^ansi256\(\s?(\d+)\s?\)$/;

/** Ink's colorize (foreground). */
function colorize(text: string, color: string): string {
  if (color in chalk) return (chalk as unknown as Record<string, (s: string) => string>)[color]!(text);
  if (color.startsWith('#')) return chalk.hex(color)(text);
  const ansi = color.startsWith('ansi256') ? ANSI256.exec(color) : undefined;
  if (ansi) return chalk.ansi256(Number(ansi[1]))(text);
  const rgb = color.startsWith('rgb') ? RGB.exec(color) : undefined;
  if (rgb) return chalk.rgb(Number(rgb[1]), Number(rgb[2]), Number(rgb[3]))(text);
  return text;
}

/** The text as `<Text color bold underline inverse>` would draw it. */
export function paint(text: string, p: Paint): string {
  if (!text) return text;
  let out = text;
  if (p.color) out = colorize(out, p.color);
  if (p.bold) out = chalk.bold(out);
  if (p.underline) out = chalk.underline(out);
  if (p.inverse) out = chalk.inverse(out);
  return out;
}
