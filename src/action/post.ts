/** Entry of the action's post step (dist/post/index.js). */
import { WorkflowCommands } from './workflow-commands.js';
import { failureMessage } from './failure.js';
import { runPost } from './run-post.js';

const wf = new WorkflowCommands();
runPost(wf).catch((err: unknown) => {
  // Clean-up failing must not fail the job: warn and move on.
  wf.warning(`Post step: ${failureMessage(err)}`);
});
