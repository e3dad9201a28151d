// yoga-layout for the bundle: the same emscripten module and wasm, instantiated synchronously. The package's
// own entry awaits its wasm at top level, which a script (see scripts/build.mjs) cannot do.
import loadYoga from '../../node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js';
import wrapAssembly from '../../node_modules/yoga-layout/dist/src/wrapAssembly.js';
import { YOGA_WASM_BASE64 } from 'awsx:yoga-wasm';

const lib = {
  instantiateWasm(imports, done) {
    done(new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(YOGA_WASM_BASE64, 'base64')), imports));
    return {};
  },
};
loadYoga(lib);
if (!lib.calledRun) throw new Error('yoga-layout did not initialise synchronously');
const Yoga = wrapAssembly(lib);

export default Yoga;
export * from '../../node_modules/yoga-layout/dist/src/generated/YGEnums.js';
