/** @module core/dispatch — a parsed command to its handler, with the issuer check where the command needs it. */
import { listAttributes, postTemplate } from './commands/attributes.js';
import { listDesigns, openDesignForm } from './commands/designs.js';
import { refuseUnlessIssuer } from './commands/guard.js';
import { listGroups, openGroupForm } from './commands/groups.js';
import { openIssueForm } from './commands/issue.js';
import { resendCredential } from './commands/resend.js';
import { revokeCredential } from './commands/revoke.js';
import { showStatus } from './commands/status.js';
import { changeTeam, listTeam } from './commands/team.js';
import type { CoreContext } from './context.js';
import type { CommandEvent, Reply } from './events.js';
import type { Command } from './grammar.js';
import { helpMessage, usageMessage } from './help.js';
import { privately } from './messages.js';

/** What each protected command is, in the words of the refusal ("Only team members can …"). */
const PROTECTED: Partial<Record<Command['name'], string>> = {
  issue: 'issue credentials',
  'group.new': 'create groups',
  'group.edit': 'change groups',
  'design.new': 'create designs',
  'design.edit': 'change designs',
  'design.copy': 'create designs',
  template: 'download CSV templates',
  revoke: 'revoke credentials',
  resend: 'send credentials again',
  status: 'see issuing jobs',
};

export async function runCommand(ctx: CoreContext, event: CommandEvent, command: Command): Promise<Reply> {
  const doing = PROTECTED[command.name];
  if (doing) {
    const refusal = await refuseUnlessIssuer(ctx, event.actor, doing);
    if (refusal) return privately(refusal);
  }
  switch (command.name) {
    case 'help':
      return privately(helpMessage());
    case 'unknown':
      return privately(helpMessage(command.input));
    case 'incomplete':
      return privately(usageMessage(command.problem, command.usage));
    case 'issue':
      return openIssueForm(ctx, event, command.group);
    case 'groups':
      return listGroups(ctx, event);
    case 'group.new':
      return openGroupForm(ctx, event, command.groupName ? { groupName: command.groupName } : {});
    case 'group.edit':
      return openGroupForm(ctx, event, { groupRef: command.group });
    case 'designs':
      return listDesigns(ctx, event);
    case 'design.new':
      return openDesignForm(ctx, event, { mode: 'new', ...(command.kind ? { kind: command.kind } : {}), ...(command.designName ? { designName: command.designName } : {}) });
    case 'design.edit':
      return openDesignForm(ctx, event, { mode: 'edit', designRef: command.design });
    case 'design.copy':
      return openDesignForm(ctx, event, { mode: 'copy', designRef: command.design });
    case 'attributes':
      return listAttributes(ctx, event);
    case 'template':
      return postTemplate(ctx, event, command.group);
    case 'status':
      return showStatus(ctx, event, command.job);
    case 'revoke':
      return revokeCredential(ctx, event, command.credential, command.reason);
    case 'resend':
      return resendCredential(ctx, event, command.credential);
    case 'team.add':
      return changeTeam(ctx, event, 'add', command.user);
    case 'team.remove':
      return changeTeam(ctx, event, 'remove', command.user);
    case 'team.list':
      return listTeam(ctx, event);
    default: {
      const never: never = command;
      throw new Error(`Unhandled command ${JSON.stringify(never)}`);
    }
  }
}
