import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/index.js';
import { ValidationFailedError } from '../../src/errors.js';

describe('/tugi command text', () => {
  it.each([
    ['', { name: 'help' }],
    ['help', { name: 'help' }],
    ['new VPN is down', { name: 'new', title: 'VPN is down', via: 'command' }],
    ['new Call from Mari --via phone', { name: 'new', title: 'Call from Mari', via: 'phone' }],
    ['new --via=email Invoice question', { name: 'new', title: 'Invoice question', via: 'email' }],
    ['NEW  spaced   out ', { name: 'new', title: 'spaced   out', via: 'command' }],
    ['case cs-12', { name: 'case', caseKey: 'CS-12' }],
  ])('parses %j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  it.each([
    ['new', /Give the case a title/],
    ['new --via phone', /Give the case a title/],
    ['new Hi --via fax', /--via takes phone or email/],
    ['new Hi --urgent', /Only the --via option/],
    ['case', /Name one case key/],
    ['case CS-1 CS-2', /Name one case key/],
    ['launch', /Unknown command `launch`/],
    [`new ${'a'.repeat(201)}`, /under 200 characters/],
    ['x'.repeat(2001), /too long/],
  ])('refuses %j', (text, message) => {
    expect(() => parseCommand(text)).toThrow(ValidationFailedError);
    expect(() => parseCommand(text)).toThrow(message);
  });
});
