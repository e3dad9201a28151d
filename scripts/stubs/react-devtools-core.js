// ink loads React DevTools only when DEV=true; awsx never ships them. This stub keeps the bundle self-contained.
export default { initialize() {}, connectToDevTools() {} };
