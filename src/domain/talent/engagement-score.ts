/** What an engagement score is made of, over the last 12 months; every part is shown with the score. */
export interface EngagementParts {
  checkInDays: number;
  studyConfirmed: number;
  activitiesAttended: number;
  serviceHours: number;
  suggestionsAdopted: number;
  /** Questions answered right in graded study-pack quizzes (应知应会). */
  quizCorrect: number;
}

/** Points per unit of each part: stated in every list, so the score is never an opaque ranking. */
export const engagementWeights: Readonly<EngagementParts> = {
  checkInDays: 1,
  studyConfirmed: 2,
  activitiesAttended: 3,
  serviceHours: 1,
  suggestionsAdopted: 5,
  quizCorrect: 1,
};

const labels: Readonly<Record<keyof EngagementParts, string>> = {
  checkInDays: '签到天数',
  studyConfirmed: '已学',
  activitiesAttended: '出席活动',
  serviceHours: '服务小时',
  suggestionsAdopted: '建议采纳',
  quizCorrect: '测验答对',
};

const parts = Object.keys(engagementWeights) as (keyof EngagementParts)[];

/** The score: each part times its weight, added up. */
export function engagementScore(figures: EngagementParts): number {
  return Math.round(parts.reduce((sum, part) => sum + figures[part] * engagementWeights[part], 0) * 10) / 10;
}

/** 签到天数 120 + 已学 10×2 + … = 166: the sum as members and secretaries read it. */
export function engagementLine(figures: EngagementParts): string {
  const terms = parts.map((part) => `${labels[part]} ${figures[part]}${engagementWeights[part] === 1 ? '' : `×${engagementWeights[part]}`}`);
  return `${terms.join(' + ')} = ${engagementScore(figures)} 分`;
}
