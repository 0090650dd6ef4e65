import { failedBeforeHandOver } from './send-outcome';

describe('failedBeforeHandOver', () => {
  it.each<[unknown, string]>([
    [{ responseCode: 451, command: 'DATA' }, 'the server refused the message'],
    [{ responseCode: 550, command: 'RCPT TO' }, 'the server refused the recipient'],
    [{ code: 'ECONNECTION', command: 'CONN' }, 'no connection'],
    [{ code: 'EAUTH', command: 'AUTH PLAIN' }, 'wrong credentials'],
    [{ code: 'ETIMEDOUT', command: 'CONN' }, 'timed out before the greeting'],
    [{ code: 'EFILEWRITE' }, 'the .eml file could not be written'],
  ])('is true when nothing was handed over: %j (%s)', (error: unknown, _why: string) => {
    expect(failedBeforeHandOver(error)).toBe(true);
  });

  it.each<[unknown, string]>([
    [{ code: 'ETIMEDOUT', command: 'DATA' }, 'timed out while sending the message'],
    [{ code: 'ESOCKET' }, 'connection dropped, phase unknown'],
    [new Error('boom'), 'anything else'],
    [undefined, 'nothing at all'],
  ])('is false when the server may have the message: %j (%s)', (error: unknown, _why: string) => {
    expect(failedBeforeHandOver(error)).toBe(false);
  });
});
