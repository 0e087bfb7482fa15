// The action's post entry (action.yml `runs.post`): removes what a killed main step left behind.
import { runPostStep } from './action/post.js';

await runPostStep();
