import { internalTargetReason, isInternalAddress } from './webhook-target-guard';

describe('webhook target guard', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1'])(
    'treats %s as internal',
    (address) => expect(isInternalAddress(address)).toBe(true),
  );

  it.each(['8.8.8.8', '172.32.0.1', '1.1.1.1', '2606:4700:4700::1111', 'not-an-ip'])('treats %s as public', (address) => expect(isInternalAddress(address)).toBe(false));

  it('refuses literal internal targets and names that resolve to them', async () => {
    await expect(internalTargetReason('https://169.254.169.254/latest')).resolves.toMatch(/internal address/);
    await expect(internalTargetReason('https://[::1]:8443/hook')).resolves.toMatch(/internal address/);
    await expect(internalTargetReason('http://localhost:3000/hook')).resolves.toMatch(/internal address/);
    await expect(internalTargetReason('https://8.8.8.8/hook')).resolves.toBeNull();
  });
});
