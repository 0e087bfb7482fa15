// The action's main entry (action.yml `runs.main`).
import { run } from './action/main.js';

await run();
