// Usage: tsx scripts/add-study-pack.ts --org <组织路径> --title <标题> --content <链接或正文> [--quiz <题目文件>]
//        (npm run study-pack -- --org 城北区/祁连路社区/流动党员支部 --title … --content … --quiz 应知应会.txt)
// The quiz file (UTF-8) holds up to 5 questions asked after 已学, in the form parseQuiz reads
// (src/domain/study/parse-quiz.ts): 「1. 题干」, option lines 「A. … B. …」, 「答案：B」, 「解析：…」.
// Puts a 学习包 straight into the organisation's queue (no preview), created by the organisation's
// first secretary (or, failing one, its first admin); the weekly push or 立即发送 sends it.
// Exit codes: 0 added, 1 failure (unknown organisation, no secretary), 2 usage error.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createDb } from '../src/db/client.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { addStudyPack } from '../src/domain/study/add-study-pack.ts';
import { parseQuiz, type QuizQuestionInput } from '../src/domain/study/parse-quiz.ts';
import { setQuizQuestions } from '../src/domain/study/set-quiz-questions.ts';
import { findOrganization } from '../src/domain/members/find-organization.ts';
import { readConfig, requireServices } from '../src/read-config.ts';

const usage = '用法：npm run study-pack -- --org <组织路径> --title <标题> --content <链接或正文> [--quiz <题目文件>]';

const config = readConfig();
const databaseUrl = config.DATABASE_URL;

process.exitCode = await main(process.argv.slice(2));

async function main(args: string[]): Promise<number> {
  let values: { org?: string; title?: string; content?: string; quiz?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { org: { type: 'string' }, title: { type: 'string' }, content: { type: 'string' }, quiz: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    console.error(`参数不对（只认 --org、--title、--content、--quiz）。\n${usage}`);
    return 2;
  }
  const org = values.org?.trim();
  const title = values.title?.trim();
  const content = values.content?.trim();
  if (!org || !title || !content) {
    console.error(usage);
    return 2;
  }
  if (title.length > 50 || content.length > 2000) {
    console.error('标题最多 50 字，正文最多 2000 字：更长的内容请发链接。');
    return 2;
  }
  let questions: QuizQuestionInput[] = [];
  if (values.quiz) {
    const quiz = parseQuiz(await readFile(values.quiz, 'utf8'));
    if (!quiz.ok) {
      console.error(`题目文件 ${values.quiz}：${quiz.reason}`);
      return 2;
    }
    questions = quiz.questions;
  }
  await requireServices(config, { redis: false });
  try {
    await applyMigrations({ databaseUrl, createDatabase: true });
    const db = createDb(databaseUrl);
    try {
      const found = await findOrganization(db, org);
      if (found.outcome === 'not-found') {
        console.error(`没有组织「${org}」：请核对名称，或写出完整路径，例如 城北区/祁连路社区/流动党员支部。`);
        return 1;
      }
      if (found.outcome === 'ambiguous') {
        console.error(`有几个组织都叫「${org}」，请写出完整路径：\n  ${found.paths.join('\n  ')}`);
        return 1;
      }
      const { organization } = found;
      const creator =
        (await db.member.findFirst({ where: { organizationId: organization.id, role: 'SECRETARY' }, orderBy: { id: 'asc' } })) ??
        (await db.member.findFirst({ where: { organizationId: organization.id, role: 'ADMIN' }, orderBy: { id: 'asc' } }));
      if (!creator) {
        console.error(`${organization.path} 在名册中没有书记：请先导入一位（角色 书记）。`);
        return 1;
      }
      const added = await addStudyPack(db, { organizationId: organization.id, createdById: creator.id, title, content, now: new Date() });
      if (questions.length > 0) await setQuizQuestions(db, { studyPackId: added.studyPackId, questions });
      console.log(
        `已为 ${organization.path} 添加学习包 ${added.studyPackId}「${title}」，排在队列第 ${added.position} 位` +
          (questions.length > 0 ? `，含 ${questions.length} 道应知应会题。` : '。'),
      );
      return 0;
    } finally {
      await db.$disconnect();
    }
  } catch (error) {
    console.error(`没能添加学习包（${error instanceof Error ? error.message : String(error)}）：请稍后再试。`);
    return 1;
  }
}
