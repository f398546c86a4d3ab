/** `npm run db:build`: builds the local database launcher ahead of time (CI does this before the tests). */
import { ensureLauncherBuilt, launcherBinary } from './local-database.js';

ensureLauncherBuilt((line) => console.log(line))
  .then(() => console.log(`Local database launcher ready: ${launcherBinary}`))
  .catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
