/** Entry of the action's main step (dist/main/index.js). */
import { WorkflowCommands } from './workflow-commands.js';
import { failureMessage } from './failure.js';
import { runMain } from './run-main.js';

const wf = new WorkflowCommands();
runMain(wf, process.env).catch((err: unknown) => {
  wf.error(failureMessage(err));
  process.exitCode = 1;
});
