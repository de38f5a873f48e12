/** Standard data files are bundled as text by esbuild and parsed by the catalogue. */
declare module '*.yaml' {
  const text: string;
  export default text;
}
