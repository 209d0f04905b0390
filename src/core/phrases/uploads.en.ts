/**
 * What an admin's upload gets wrong — a module's Markdown file, an HR export — line by line,
 * English: the reference. Shown by the admin and pilot screens (lazy chunks).
 */
export const en = {
  'upload.module.noFrontMatter': 'a module starts with YAML front matter between --- lines',
  'upload.module.frontMatterOpen': 'front matter is not closed with ---',
  'upload.module.yaml': 'front matter is not valid YAML: {detail}',
  'upload.module.noLesson': 'a module needs at least one "## " lesson',
  'upload.module.textBeforeLesson': 'text before the first "## " lesson heading',
  'upload.module.longLine': 'this line is longer than {max} characters; break it up',
  'upload.module.unknownCompetency':
    'competency "{id}" is not in your organisation’s catalog; use one of its competency ids',
  'upload.module.duplicateLesson': 'duplicate lesson id "{id}"',
  'upload.module.longLesson':
    'lesson "{title}" takes about {minutes} min; keep lessons to {max} min or less',
  'upload.lesson.noTitle': 'a lesson heading needs a title',
  'upload.lesson.id': '{#{id}}: a lesson id uses lowercase letters, digits and -',
  'upload.lesson.minutes': 'minutes={value}: use a whole number of minutes from 1 to 60',
  'upload.lesson.imageAlt': 'an image needs alt text: ![what it shows](file)',
  'upload.lesson.noCards': 'lesson "{title}" has no cards',
  'upload.quiz.heading':
    'a quiz heading reads "### Quiz: question" or "### Quiz (multiple): question"',
  'upload.quiz.explanationPlace': 'inside a quiz, write explanations as "  > text" under an option',
  'upload.quiz.twoOptions': 'a quiz needs at least two options "- [x] …" / "- [ ] …"',
  'upload.quiz.noCorrect': 'a quiz needs at least one correct option marked [x]',
  'upload.quiz.severalCorrect':
    'this quiz has several correct options: write "### Quiz (multiple): …"',
  'upload.quiz.trueFalse': 'a true/false quiz has exactly two options',
  'upload.quiz.explain': 'explain each option with an indented "  > …" line',
  'upload.translation.language':
    '"{locale}" is not a language Kindling speaks; name a translation <module>.{locales}.md',
  'upload.translation.noOriginal':
    'this translates module "{id}", which does not exist here; add the original first',
  'upload.translation.id': 'a translation keeps the original’s id "{original}", not "{id}"',
  'upload.translation.lessons':
    'the original’s lessons are {original}; this translation has {translation} (same ids, same order)',
  'upload.translation.cards':
    'lesson "{lesson}" has another number of cards: {original} in the original, {translation} here',
  'upload.translation.kind':
    'card {card} of lesson "{lesson}" is a {original} card in the original, a {translation} card here',
  'upload.translation.quiz':
    'quiz card {card} of lesson "{lesson}" must keep the original’s type, options and correct answers ({original}), not {translation}',
  'upload.hr.header': 'row 1: the header must name the columns {columns} (missing {missing})',
  'upload.hr.notEmail': 'row {row}: "{value}" is not an email address',
  'upload.hr.twice': 'row {row}: {value} appears more than once',
  'upload.hr.stranger': 'row {row}: {value} is not a member of this organisation',
  'upload.hr.notDate': 'row {row}: {column} "{value}" is not a date (YYYY-MM-DD)',
  'upload.hr.exitBeforeHire': 'row {row}: exit_date {exit} is before hire_date {hire}',
  'upload.hr.moveBeforeHire': 'row {row}: internal move {move} is before hire_date {hire}',
  'upload.invite.hasAccount': 'row {row}: {value} already has an account',
  'upload.invite.noManager':
    'row {row}: no active manager in your organisation has the email {value}',
  'upload.invite.noCohort': 'row {row}: there is no cohort "{value}"',
  'upload.invite.needCohort': 'row {row}: name a cohort',
  'upload.invite.badRole': 'row {row}: the role is learner or manager (or empty), not "{value}"',
  'upload.invite.longName': 'row {row}: a name has at most {max} characters',
  'upload.invite.tooMany': 'the list has {count} people; invite at most {max} at once',
} as const;
