// The submission pack's code as a bundle of its own, dist/pack.js: the unified/remark/rehype family
// and fflate (about 215 KB minified) are loaded when Export Submission Pack runs (packLoader.ts),
// so activating the extension never pays for them. esbuild.mjs builds it from this file.
export { prepareSubmissionPack, zipPreparedPack } from '../core';
