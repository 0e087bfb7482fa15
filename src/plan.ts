// The entry of image-size-gate/plan (plan/action.yml `runs.main`): the matrix of images to gate.
import { runPlanStep } from './action/plan-step.js';

await runPlanStep();
