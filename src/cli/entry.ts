/** Bundle entry of the CLI (dist/cli.js). */
export { cli } from './main';
