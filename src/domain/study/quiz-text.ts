import { quizLetters } from './parse-quiz.ts';

export interface QuizQuestionView {
  position: number;
  text: string;
  options: string[];
}

/** The questions, asked in one message after 已学 (never their answers). */
export function quizQuestionsText(pack: { title: string }, questions: QuizQuestionView[], options: { graded: boolean }): string {
  return [
    `【应知应会】「${pack.title}」${options.graded ? '' : '（练习，不计分）'}`,
    ...questions.flatMap((q) => [`${q.position}. ${q.text}`, q.options.map((option, i) => `${quizLetters[i]}. ${option}`).join('  ')]),
    questions.length > 1 ? `请一次回复全部答案，如「1B 2AC 3D」；也可逐题回复，如「1B」。` : '请回复答案的字母，如「B」。',
  ].join('\n');
}

/** The score, and for each wrong answer the right one and its explanation. */
export function quizResultText(result: { graded: boolean; score: number; total: number; wrong: { position: number; answer: string; explanation: string }[] }): string {
  return [
    `${result.graded ? '得分' : '练习得分'}：${result.score}/${result.total}。${result.wrong.length === 0 ? '全部答对！' : ''}`,
    ...result.wrong.map((q) => `第 ${q.position} 题答案 ${q.answer}：${q.explanation}`),
    ...(result.graded ? ['再发「已学」可练习一次（不计分）。'] : []),
  ].join('\n');
}
