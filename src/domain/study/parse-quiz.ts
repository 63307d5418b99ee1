export interface QuizQuestionInput {
  text: string;
  options: string[];
  /** The right letters, in order: B, AC. */
  answer: string;
  explanation: string;
}

export const maxQuizQuestions = 5;
const maxQuizOptions = 5;
export const quizLetters = 'ABCDE';

/**
 * A pack's quiz as secretaries write it (the CLI's --quiz file, the console's 学习 page), one line each:
 *
 *   1. 党的最高理想是什么？
 *   A. 共产主义  B. 小康社会 …       (or one option a line)
 *   答案：A
 *   解析：党章总纲……
 *
 * Up to 5 questions of 2 to 5 options; several letters in 答案 make it a multiple-choice question.
 * One pass over the lines.
 */
export function parseQuiz(text: string): { ok: true; questions: QuizQuestionInput[] } | { ok: false; reason: string } {
  const questions: { text: string; options: string[]; answer: string; explanation: string }[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const current = questions[questions.length - 1];
    const question = /^(\d+)\s*[.、．:：)）]\s*(.+)$/.exec(line);
    const label = /^(答案|解析)\s*[:：]\s*(.*)$/.exec(line);
    if (question) {
      if (Number(question[1]) !== questions.length + 1) return { ok: false, reason: `题目请按 1、2、3 的顺序编号（第 ${questions.length + 1} 题写成了 ${question[1]}）。` };
      questions.push({ text: question[2]!, options: [], answer: '', explanation: '' });
    } else if (!current) return { ok: false, reason: '第一行应是题目，如「1. 党的最高理想是什么？」。' };
    else if (label?.[1] === '答案') current.answer = [...new Set(label[2]!.toUpperCase().replace(/[^A-E]/g, ''))].sort().join('');
    else if (label) current.explanation = label[2]!;
    else {
      const options = splitOptions(line);
      if (!options) return { ok: false, reason: `第 ${questions.length} 题的「${line.slice(0, 20)}」看不懂：选项以 A. B. 开头。` };
      current.options.push(...options);
    }
  }
  if (questions.length === 0) return { ok: false, reason: '没有题目。' };
  if (questions.length > maxQuizQuestions) return { ok: false, reason: `最多 ${maxQuizQuestions} 道题。` };
  for (const [i, q] of questions.entries()) {
    const n = i + 1;
    if (q.options.length < 2 || q.options.length > maxQuizOptions) return { ok: false, reason: `第 ${n} 题需要 2 到 ${maxQuizOptions} 个选项。` };
    if (!q.answer || [...q.answer].some((letter) => quizLetters.indexOf(letter) >= q.options.length)) return { ok: false, reason: `第 ${n} 题的答案应是选项的字母，如「答案：B」。` };
    if (!q.explanation) return { ok: false, reason: `第 ${n} 题缺少「解析：」一行。` };
  }
  return { ok: true, questions };
}

/** 「A. 甲  B. 乙」 → [甲, 乙], the letters in order from the next expected one; null when the line is no option line. */
function splitOptions(line: string): string[] | null {
  const parts = line.split(/(?=[A-E]\s*[.、．:：)）])/);
  const options: string[] = [];
  for (const part of parts) {
    const match = /^([A-E])\s*[.、．:：)）]\s*(.*)$/.exec(part.trim());
    if (!match || !match[2]) return null;
    options.push(match[2].trim());
  }
  return options.length > 0 ? options : null;
}
