// The action's post entry (action.yml `runs.post`): runs the post step with the runner's state and log.
import * as core from '@actions/core';
import { Docker } from './docker/exec.js';
import { runPost } from './post.js';

await runPost({ docker: new Docker(), getState: (name) => core.getState(name), info: (message) => core.info(message) });
