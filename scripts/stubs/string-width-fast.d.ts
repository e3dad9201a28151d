export const NARROW_RANGES: Array<[number, number]>;
export function narrowWidth(text: string): number;
export function fastStringWidth(real: () => (text: string, options?: object) => number): (text: string, options?: object) => number;
