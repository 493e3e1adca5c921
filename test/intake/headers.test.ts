/** @module test/intake/headers — the column names people use are understood without configuration. */
import { describe, expect, it } from '@jest/globals';
import { IntakeError, mapHeaders, toAttributeKey } from '../../src/intake/index.js';

describe('mapHeaders', () => {
  it.each([
    ['Name', 'Email'],
    ['Full name', 'E-mail address'],
    ['Recipient name', 'Recipient email'],
    ['Student_name', 'Email Address'],
    ['Student name', 'Student email'],
    ['Learner', 'E-Mail'],
    ['  FULL-NAME ', 'email_address'],
    ['recipient.name', 'RECIPIENT EMAIL'],
  ])('maps "%s" and "%s"', (name, email) => {
    const mapping = mapHeaders([name, email, 'Grade']);
    expect(mapping.name).toEqual([name.trim()]);
    expect(mapping.email).toBe(email);
    expect(mapping.attributes).toEqual({ Grade: 'grade' });
  });

  it.each([
    [['First name', 'Last name', 'Email'], ['First name', 'Last name']],
    [['Given name', 'Surname', 'Email'], ['Given name', 'Surname']],
    [['Email', 'Family name', 'given_name'], ['given_name', 'Family name']],
    [['FirstName', 'Email'], ['FirstName']],
  ])('joins first and last name columns: %j', (headers, name) => {
    expect(mapHeaders(headers).name).toEqual(name);
  });

  it('prefers a full-name column over first and last name, which then become attributes', () => {
    const mapping = mapHeaders(['First name', 'Last name', 'Name', 'Email']);
    expect(mapping.name).toEqual(['Name']);
    expect(mapping.attributes).toEqual({ 'First name': 'first_name', 'Last name': 'last_name' });
  });

  it('accepts one header that mentions email, but does not guess between two', () => {
    expect(mapHeaders(['Name', 'Work email (school)']).email).toBe('Work email (school)');
    expect(() => mapHeaders(['Name', 'Work email', 'Home email'])).toThrow(IntakeError);
  });

  it.each(['Issue date', 'Issued on', 'Date', 'date_issued'])('maps "%s" to the issue date', (header) => {
    const mapping = mapHeaders(['Name', 'Email', header, 'Final Grade']);
    expect(mapping.issuedOn).toBe(header);
    expect(mapping.attributes).toEqual({ 'Final Grade': 'final_grade' });
  });

  it('turns every other column into a snake_case attribute key, unique', () => {
    const mapping = mapHeaders(['Name', 'Email', 'Final Grade', 'hoursCompleted', 'Score (%)', 'final-grade', '★']);
    expect(mapping.attributes).toEqual({
      'Final Grade': 'final_grade',
      hoursCompleted: 'hours_completed',
      'Score (%)': 'score',
      'final-grade': 'final_grade_2',
      '★': 'column_7',
    });
    expect(toAttributeKey('Note de l’élève')).toBe('note_de_l_eleve');
  });

  it('lets the user override each guess, matching headers loosely', () => {
    const headers = ['Name', 'Email', 'Preferred name', 'School email', 'Date', 'Grade'];
    const mapping = mapHeaders(headers, { name: ['preferred NAME'], email: 'School email', attributes: { Grade: 'Final grade' } });
    expect(mapping).toEqual({
      name: ['Preferred name'],
      email: 'School email',
      issuedOn: 'Date',
      attributes: { Name: 'name', Email: 'email', Grade: 'final_grade' },
    });
  });

  it('lets the user say there is no issue date column', () => {
    const mapping = mapHeaders(['Name', 'Email', 'Date'], { issuedOn: '' });
    expect(mapping.issuedOn).toBeUndefined();
    expect(mapping.attributes).toEqual({ Date: 'date' });
  });
});
