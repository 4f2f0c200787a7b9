import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { USAGE, UsageError, parseArgs } from '../../../src/cli.js';
import { roles } from '../../../src/security/permissions.js';

describe('cli argument parsing', () => {
  it('reads user:create with spaced and = options', () => {
    assert.deepEqual(parseArgs(['user:create', '--email', 'a@b.org', '--role', 'editor']), {
      command: 'user:create',
      email: 'a@b.org',
      role: 'editor',
      name: undefined,
    });
    assert.deepEqual(parseArgs(['user:create', '--role=board', '--email=a@b.org', '--name', 'Ann Other']), {
      command: 'user:create',
      email: 'a@b.org',
      role: 'board',
      name: 'Ann Other',
    });
  });

  it('reads keys:rotate, which takes no arguments', () => {
    assert.deepEqual(parseArgs(['keys:rotate']), { command: 'keys:rotate' });
    assert.throws(() => parseArgs(['keys:rotate', '--force']), UsageError);
    assert.ok(USAGE.includes('keys:rotate'));
  });

  it('shows help for no command, help, --help and -h, and lists every role', () => {
    for (const argv of [[], ['help'], ['--help'], ['-h'], ['user:create', '--help']]) assert.deepEqual(parseArgs(argv), { command: 'help' }, argv.join(' '));
    for (const role of roles) assert.ok(USAGE.includes(role), role);
  });

  it('refuses bad arguments with a clear message', () => {
    const cases: [string[], RegExp][] = [
      [['user:delete'], /Unknown command "user:delete"/],
      [['user:create', '--role', 'editor'], /needs --email/],
      [['user:create', '--email', 'a@b.org'], /needs --role/],
      [['user:create', '--email', 'a@b.org', '--role', 'king'], /Unknown role "king".*admin/],
      [['user:create', '--email'], /--email needs a value/],
      [['user:create', '--email', '--role', 'editor'], /--email needs a value/],
      [['user:create', '--email=', '--role', 'editor'], /--email needs a value/],
      [['user:create', '--email', 'a@b.org', '--email', 'c@d.org', '--role', 'editor'], /given twice/],
      [['user:create', '--email', 'a@b.org', '--role', 'editor', '--admin'], /Unknown option --admin/],
      [['user:create', 'a@b.org'], /Unexpected argument "a@b.org"/],
    ];
    for (const [argv, message] of cases) {
      assert.throws(
        () => parseArgs(argv),
        (e: unknown) => e instanceof UsageError && message.test(e.message),
        argv.join(' '),
      );
    }
  });
});
