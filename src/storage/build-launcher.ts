/** `npm run db:build`: builds the local database launcher ahead of time (CI does this before the tests). */
import { ensureLauncherBuilt } from './local-database.js';

ensureLauncherBuilt((line) => console.log(line))
  .then((binary) => console.log(`Local database launcher ready: ${binary}`))
  .catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
