// A terminal too small for the picker: one clear message instead of a garbled frame, and q still quits.
import { describe, expect } from 'vitest';
import { pickerTest as it, row } from './helpers/render-picker.js';

describe('terminal too small', () => {
  it.for([
    { columns: 30, rows: 24 },
    { columns: 80, rows: 8 },
  ])('at %o says so and names the minimum; q quits', async (size, { renderPicker }) => {
    const ui = await renderPicker({ rows: [row('prod'), row('dev')], size });
    expect(ui.frame().replace(/\s+/g, ' ')).toContain(
      `the terminal is ${size.columns}x${size.rows}; the picker needs at least 40x10`,
    );
    expect(ui.frame()).not.toContain('prod');
    await ui.type('q');
    expect(ui.outcomes.map((o) => o.kind)).toEqual(['quit']);
  });

  it('at the minimum it shows the rows', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: [row('prod'), row('dev')], size: { columns: 40, rows: 10 } });
    expect(ui.frame()).toContain('prod');
    expect(ui.frame()).not.toContain('needs at least');
  });
});
