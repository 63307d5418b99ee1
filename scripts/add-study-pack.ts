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

const usage = 'Usage: npm run study-pack -- --org <组织路径> --title <标题> --content <链接或正文> [--quiz <题目文件>]';

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
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
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
    console.error('The title may have at most 50 characters and the content 2000 (send a link for longer texts).');
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
        console.error(`No organisation ${org}.`);
        return 1;
      }
      if (found.outcome === 'ambiguous') {
        console.error(`Several organisations are called ${org}; give the full path:\n  ${found.paths.join('\n  ')}`);
        return 1;
      }
      const { organization } = found;
      const creator =
        (await db.member.findFirst({ where: { organizationId: organization.id, role: 'SECRETARY' }, orderBy: { id: 'asc' } })) ??
        (await db.member.findFirst({ where: { organizationId: organization.id, role: 'ADMIN' }, orderBy: { id: 'asc' } }));
      if (!creator) {
        console.error(`${organization.path} has no secretary on the roster; import one first (角色 书记).`);
        return 1;
      }
      const added = await addStudyPack(db, { organizationId: organization.id, createdById: creator.id, title, content, now: new Date() });
      if (questions.length > 0) await setQuizQuestions(db, { studyPackId: added.studyPackId, questions });
      console.log(
        `Added study pack ${added.studyPackId}「${title}」for ${organization.path}: number ${added.position} in the queue` +
          (questions.length > 0 ? `, with ${questions.length} quiz questions.` : '.'),
      );
      return 0;
    } finally {
      await db.$disconnect();
    }
  } catch (error) {
    console.error(`Could not add the study pack: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
