/** Session policies and session tags as the SDK's AssumeRole* inputs. Pure. */
import type { SessionOptions } from '../config/model.js';
import { sessionTags, type RunContext, type Tag } from '../config/session-tags.js';

export interface SessionPolicyInput {
  Policy?: string;
  PolicyArns?: Array<{ arn: string }>;
}

export function sessionPolicyInput(session: SessionOptions): SessionPolicyInput {
  const input: SessionPolicyInput = {};
  if (session.inlinePolicy) input.Policy = session.inlinePolicy;
  if (session.managedPolicyArns.length) input.PolicyArns = session.managedPolicyArns.map((arn) => ({ arn }));
  return input;
}

export interface SessionTagInput {
  Tags?: Tag[];
  TransitiveTagKeys?: string[];
}

/**
 * Tags and transitive keys for one AssumeRole hop: none with role-skip-session-tagging; transitive keys only those
 * among the tags sent (as configure-aws-credentials filters them).
 */
export function sessionTagInput(session: SessionOptions, run: RunContext, dropDroppable = false): SessionTagInput {
  if (!session.sessionTags) return {};
  const tags = sessionTags(run, session.customTags, dropDroppable);
  if (tags.length === 0) return {};
  const transitive = session.transitiveTagKeys.filter((key) => tags.some((t) => t.Key === key));
  return { Tags: tags, ...(transitive.length ? { TransitiveTagKeys: transitive } : {}) };
}
