import { describe, expect, it } from 'vitest';
import { pruneAccessLog } from '../src/domain/access-log/prune-access-log.ts';
import { askForLoginLink, consoleWorldPerTest } from './support/console-client.ts';
import { seedBranch } from './support/seed.ts';

describe('操作日志: reads of other members\' care records and every export are logged (issue 17)', () => {
  const world = consoleWorldPerTest();

  it('logs 走访记录 in chat and the member page and exports in the console; admins see it, scoped; secretaries do not', async () => {
    const { client, secretary, secretaryRow, members, branch } = await world.start({ logIn: false });
    const h = world.h;
    const member = members[0]!.row;
    await h.ask(secretary, `走访记录 ${member.name}`);
    expect(await h.db.accessLog.findMany({ where: { actorId: secretaryRow.id }, select: { action: true, subjectId: true, organizationId: true } })).toEqual([
      { action: '走访记录', subjectId: member.id, organizationId: branch.organizationId },
    ]);

    // A secretary's console: no 操作日志 in the menu, and the page is not theirs.
    await client.logIn(await askForLoginLink(h, secretary));
    expect(await (await client.get('/')).text()).not.toContain('操作日志');
    expect((await client.get('/access-log')).status).toBe(404);

    await h.db.member.update({ where: { id: secretaryRow.id }, data: { role: 'ADMIN' } });
    expect((await client.get(`/members/${member.id}`)).status).toBe(200);
    const exported = await client.get('/export/ledger.xlsx');
    expect(exported.status).toBe(200);
    await exported.arrayBuffer();
    // Another district's log is not this admin's to see.
    const elsewhere = await seedBranch(h.db, [{ name: '外区书记', role: 'SECRETARY' }]);
    await h.db.accessLog.create({ data: { at: new Date(), actorId: elsewhere.members[0]!.id, action: 'visits', organizationId: elsewhere.organizationId } });

    const page = await (await client.get('/access-log')).text();
    expect(page).toContain('<a href="/access-log" aria-current="page">操作日志</a>');
    const rows = page.match(/<tr><td>[^]*?<\/tr>/g)!;
    expect(rows, rows.join('\n')).toHaveLength(3);
    expect(rows[0]).toContain(`<td>${secretaryRow.name}</td><td>导出 ledger</td><td>—</td><td>${branch.path}</td>`);
    expect(rows[1]).toContain(`<td>${secretaryRow.name}</td><td>查看党员详情</td><td>${member.name}</td>`);
    expect(rows[2]).toContain(`<td>走访记录</td><td>${member.name}</td>`);
    expect(page).not.toContain(elsewhere.members[0]!.name);
  });

  it('is kept a year: the nightly prune deletes older entries', async () => {
    const { secretaryRow, branch } = await world.start({ logIn: false });
    const db = world.h.db;
    const now = new Date();
    const day = 24 * 3600_000;
    for (const daysAgo of [366, 364]) {
      await db.accessLog.create({ data: { at: new Date(now.getTime() - daysAgo * day), actorId: secretaryRow.id, action: 'visits', organizationId: branch.organizationId } });
    }
    expect(await pruneAccessLog(db, { now })).toEqual({ deleted: 1 });
    expect(await db.accessLog.count({ where: { actorId: secretaryRow.id } })).toBe(1);
  });
});
