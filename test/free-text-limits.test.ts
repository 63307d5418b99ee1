import { describe, expect, it } from 'vitest';
import { maxHelpAmountYuan, parseHelp } from '../src/domain/hardship/parse-help.ts';
import { maxLeaveReasonLength, parseLeaveRequest } from '../src/domain/leave/parse-leave.ts';

describe('amounts and free text from chat are bounded', () => {
  it('帮扶 amounts are above 0 and at most 1,000,000 yuan per record, and the answer says so', () => {
    expect(maxHelpAmountYuan).toBe(1_000_000);
    expect(parseHelp('慰问金 500元')).toMatchObject({ outcome: 'ok', amount: '500' });
    expect(parseHelp('慰问金 1000000')).toMatchObject({ outcome: 'ok', amount: '1000000' });
    for (const amount of ['0', '0.00', '1000000.01', '999999999.99']) {
      expect(parseHelp(`慰问金 ${amount}`), amount).toEqual({ outcome: 'bad-amount', kind: '慰问金' });
    }
  });

  it('a leave reason longer than the documented limit is refused, not stored whole', () => {
    const now = new Date('2026-11-25T02:00:00Z');
    expect(maxLeaveReasonLength).toBe(100);
    expect(parseLeaveRequest(`30天 ${'看'.repeat(100)}`, now, 'Asia/Shanghai')).toMatchObject({ outcome: 'ok' });
    expect(parseLeaveRequest(`30天 ${'看'.repeat(10_000)}`, now, 'Asia/Shanghai')).toEqual({ outcome: 'reason-too-long' });
  });
});
