// The version this bundle reports: package.json's, its one source. ncc inlines the JSON at packaging time and
// keeps only the field read here, so the bundle carries no other part of package.json.
import packageJson from '../../package.json' with { type: 'json' };

export const VERSION: string = packageJson.version;
