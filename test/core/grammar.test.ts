/** Grammar of `/issue-credential`: what staff type becomes the command they meant. */
import { describe, expect, it } from '@jest/globals';
import { parseCommand, parseUserRef, tokenize } from '../../src/core/grammar.js';

describe('tokenize', () => {
  it('keeps quoted arguments together, with straight or curly quotes', () => {
    expect(tokenize('to "Intro to Data Science"')).toEqual(['to', 'Intro to Data Science']);
    expect(tokenize('template “Data Science 101” now')).toEqual(['template', 'Data Science 101', 'now']);
    expect(tokenize("revoke abc 'left the course'")).toEqual(['revoke', 'abc', 'left the course']);
  });

  it("does not treat an apostrophe inside a word as a quote", () => {
    expect(tokenize("team add O'Brien")).toEqual(['team', 'add', "O'Brien"]);
  });

  it('takes an unterminated quote to the end of the line', () => {
    expect(tokenize('group edit "Spring cohort')).toEqual(['group', 'edit', 'Spring cohort']);
  });
});

describe('parseCommand', () => {
  it('opens the issue form with no arguments, with or without the command word', () => {
    expect(parseCommand('')).toEqual({ name: 'issue' });
    expect(parseCommand('/issue-credential')).toEqual({ name: 'issue' });
    expect(parseCommand('  /Issue-Credential  ')).toEqual({ name: 'issue' });
  });

  it('prefills the issue form with a group', () => {
    expect(parseCommand('to "Intro to Data Science"')).toEqual({ name: 'issue', group: 'Intro to Data Science' });
    expect(parseCommand('/issue-credential to Intro to Data Science')).toEqual({ name: 'issue', group: 'Intro to Data Science' });
    expect(parseCommand('issue to "Spring"')).toEqual({ name: 'issue', group: 'Spring' });
  });

  it('reads sub-commands in any case', () => {
    expect(parseCommand('HELP')).toEqual({ name: 'help' });
    expect(parseCommand('Groups')).toEqual({ name: 'groups' });
    expect(parseCommand('GROUP NEW')).toEqual({ name: 'group.new' });
    expect(parseCommand('Design New Certificate "Gold seal"')).toEqual({ name: 'design.new', kind: 'certificate', designName: 'Gold seal' });
    expect(parseCommand('designs')).toEqual({ name: 'designs' });
    expect(parseCommand('Attributes')).toEqual({ name: 'attributes' });
  });

  it('names groups and designs by name or id, quoted or not', () => {
    expect(parseCommand('group edit "Spring cohort"')).toEqual({ name: 'group.edit', group: 'Spring cohort' });
    expect(parseCommand('template Intro to Data Science')).toEqual({ name: 'template', group: 'Intro to Data Science' });
    expect(parseCommand('design copy 9f2c')).toEqual({ name: 'design.copy', design: '9f2c' });
    expect(parseCommand('design edit "Gold seal"')).toEqual({ name: 'design.edit', design: 'Gold seal' });
  });

  it('reads status, revoke and team commands', () => {
    expect(parseCommand('status')).toEqual({ name: 'status' });
    expect(parseCommand('status 1a2b3c')).toEqual({ name: 'status', job: '1a2b3c' });
    expect(parseCommand('revoke https://x.edu/credentials/abc issued by mistake')).toEqual({
      name: 'revoke',
      credential: 'https://x.edu/credentials/abc',
      reason: 'issued by mistake',
    });
    expect(parseCommand('revoke abc')).toEqual({ name: 'revoke', credential: 'abc' });
    expect(parseCommand('team add <@U123|ann>')).toEqual({ name: 'team.add', user: '<@U123|ann>' });
    expect(parseCommand('team remove U9')).toEqual({ name: 'team.remove', user: 'U9' });
    expect(parseCommand('team')).toEqual({ name: 'team.list' });
    expect(parseCommand('team list')).toEqual({ name: 'team.list' });
  });

  it('says what is missing when a sub-command lacks its argument', () => {
    expect(parseCommand('template')).toMatchObject({ name: 'incomplete', usage: 'template <group>' });
    expect(parseCommand('revoke')).toMatchObject({ name: 'incomplete', usage: 'revoke <credential id or URL> [reason]' });
    expect(parseCommand('team add')).toMatchObject({ name: 'incomplete', usage: 'team add <user>' });
    expect(parseCommand('group edit')).toMatchObject({ name: 'incomplete' });
  });

  it('marks anything else as unknown, keeping what was typed', () => {
    expect(parseCommand('frobnicate the widgets')).toEqual({ name: 'unknown', input: 'frobnicate the widgets' });
    expect(parseCommand('group explode')).toEqual({ name: 'unknown', input: 'group explode' });
    expect(parseCommand('team promote U1')).toEqual({ name: 'unknown', input: 'team promote U1' });
  });
});

describe('parseUserRef', () => {
  it('reads Slack mentions, @names and plain ids', () => {
    expect(parseUserRef('<@U123|ann>')).toBe('U123');
    expect(parseUserRef('<@U123>')).toBe('U123');
    expect(parseUserRef('@U777')).toBe('U777');
    expect(parseUserRef(' 29f1c0de-aad ')).toBe('29f1c0de-aad');
  });
});
