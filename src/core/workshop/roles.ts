/**
 * Who is in the room and what each person is there for. Five roles, as a STRIDE-for-AI session
 * needs them; one person can hold two in a small team, but the facilitator should not also be the
 * scribe, or the discussion stalls while notes are written.
 */
import type { Role } from './types';

export const ROLES: readonly Role[] = [
  {
    id: 'facilitator',
    name: 'Facilitator',
    does: 'Runs the agenda and keeps each slot to its timebox. Reads the question cards aloud, makes sure every voice is heard, and moves a discussion that is stuck to the decision log as an open item instead of letting it eat the session.',
    brings: 'This pack, printed; a timer; the diagram on a screen everyone can see.',
  },
  {
    id: 'scribe',
    name: 'Scribe',
    does: 'Writes every decision into the decision log as it is made: which threat, what the room chose (mitigate, accept, not applicable), who owns it and by when. After the session, copies the decisions into the diagram file as annotations, so the next analysis shows them.',
    brings: 'The decision log pages of this pack, or the diagram file open in an editor.',
  },
  {
    id: 'system-owner',
    name: 'System owner',
    does: 'Explains what the system is for, who uses it and what would hurt the business. Corrects the diagram where it is wrong or missing a part, and is the person who can accept a risk on the business\'s behalf.',
    brings: 'The current architecture, the users and the data the system handles, and the release date the decisions must fit.',
  },
  {
    id: 'data-scientist',
    name: 'Data scientist or ML engineer',
    does: 'Answers for the models and data: which model and version, what it was trained or tuned on, what goes into its context, how it is evaluated and how often it is wrong. Says which suggested controls are practical for the model as it is built.',
    brings: 'Model and dataset versions, the prompt templates, evaluation results.',
  },
  {
    id: 'security-engineer',
    name: 'Security engineer',
    does: 'Reads the security voice of each finding and explains the attack behind it to the room. Judges whether a proposed control really closes the threat, and whether an acceptance is reasonable for its expiry date.',
    brings: 'Existing controls (gateways, logging, access rules) and the company\'s risk acceptance policy.',
  },
];
