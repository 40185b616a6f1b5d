// The GitHub Pages workflow, parsed: shared by the tests that check its shape and the test that runs its commands.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  'continue-on-error'?: boolean;
}

export interface Job {
  needs?: string | string[];
  if?: string;
  outputs?: Record<string, string>;
  strategy?: { 'fail-fast'?: boolean; matrix: Record<string, unknown[]> };
  steps: Step[];
}

export const workflowText = readFileSync(new URL('../../../.github/workflows/pages.yml', import.meta.url), 'utf8');
export const workflow: { on: Record<string, any>; permissions: unknown; jobs: Record<string, Job> } = parse(workflowText);

/** The one step of a job that matches; throws when none or several do, so a renamed step fails loudly. */
export function findStep(job: string, match: (s: Step) => boolean): Step {
  const found = workflow.jobs[job].steps.filter(match);
  if (found.length !== 1) throw new Error(`expected one matching step in job ${job}, found ${found.length}`);
  return found[0];
}
