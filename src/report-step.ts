// The entry of image-size-gate/report (report/action.yml `runs.main`): one verdict and one comment from the matrix jobs' reports.
import { runReportStep } from './action/report-step.js';

await runReportStep();
