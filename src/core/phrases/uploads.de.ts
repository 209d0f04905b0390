import type { MessagesOf } from '../wording';
import type { en } from './uploads.en';

export const de: MessagesOf<typeof en> = {
  'upload.module.noFrontMatter':
    'Ein Modul beginnt mit YAML-Front-Matter zwischen zwei „---“-Zeilen',
  'upload.module.frontMatterOpen': 'Der Front Matter wird nicht mit --- geschlossen',
  'upload.module.yaml': 'Der Front Matter ist kein gültiges YAML: {detail}',
  'upload.module.noLesson': 'Ein Modul braucht mindestens eine „## “-Lektion',
  'upload.module.textBeforeLesson': 'Text vor der ersten „## “-Lektionsüberschrift',
  'upload.module.longLine': 'Diese Zeile ist länger als {max} Zeichen; teile sie auf',
  'upload.module.unknownCompetency':
    'Die Kompetenz „{id}“ steht nicht im Katalog deiner Organisation; nutze eine seiner Kompetenz-IDs',
  'upload.module.duplicateLesson': 'Die Lektions-ID „{id}“ kommt doppelt vor',
  'upload.module.longLesson':
    'Die Lektion „{title}“ dauert etwa {minutes} Min.; halte Lektionen bei höchstens {max} Min.',
  'upload.lesson.noTitle': 'Eine Lektionsüberschrift braucht einen Titel',
  'upload.lesson.id': '{#{id}}: Eine Lektions-ID besteht aus Kleinbuchstaben, Ziffern und -',
  'upload.lesson.minutes':
    'minutes={value}: Verwende eine ganze Zahl von Minuten zwischen 1 und 60',
  'upload.lesson.imageAlt': 'Ein Bild braucht einen Alternativtext: ![was es zeigt](datei)',
  'upload.lesson.noCards': 'Die Lektion „{title}“ hat keine Karten',
  'upload.quiz.heading':
    'Eine Quiz-Überschrift lautet „### Quiz: Frage“ oder „### Quiz (multiple): Frage“',
  'upload.quiz.explanationPlace':
    'Schreibe Erklärungen im Quiz als „  > Text“ unter eine Antwortoption',
  'upload.quiz.twoOptions': 'Ein Quiz braucht mindestens zwei Optionen „- [x] …“ / „- [ ] …“',
  'upload.quiz.noCorrect': 'Ein Quiz braucht mindestens eine richtige Option, markiert mit [x]',
  'upload.quiz.severalCorrect':
    'Dieses Quiz hat mehrere richtige Optionen: Schreibe „### Quiz (multiple): …“',
  'upload.quiz.trueFalse': 'Ein Wahr/Falsch-Quiz hat genau zwei Optionen',
  'upload.quiz.explain': 'Erkläre jede Option mit einer eingerückten „  > …“-Zeile',
  'upload.translation.language':
    '„{locale}“ ist keine Sprache von Kindling; nenne eine Übersetzung <modul>.{locales}.md',
  'upload.translation.noOriginal':
    'Das übersetzt das Modul „{id}“, das es hier nicht gibt; füge zuerst das Original hinzu',
  'upload.translation.id':
    'Eine Übersetzung behält die ID des Originals „{original}“, nicht „{id}“',
  'upload.translation.lessons':
    'Das Original hat die Lektionen {original}, diese Übersetzung {translation} (gleiche IDs, gleiche Reihenfolge)',
  'upload.translation.cards':
    'Lektion „{lesson}“ hat eine andere Zahl von Karten: im Original {original}, hier {translation}',
  'upload.translation.kind':
    'Karte {card} der Lektion „{lesson}“ ist im Original eine {original}-Karte, hier eine {translation}-Karte',
  'upload.translation.quiz':
    'Quizkarte {card} der Lektion „{lesson}“ muss Typ, Optionen und richtige Antworten des Originals behalten ({original}), nicht {translation}',
  'upload.hr.header':
    'Zeile 1: Die Kopfzeile muss die Spalten {columns} nennen (es fehlt: {missing})',
  'upload.hr.notEmail': 'Zeile {row}: „{value}“ ist keine E-Mail-Adresse',
  'upload.hr.twice': 'Zeile {row}: {value} kommt mehr als einmal vor',
  'upload.hr.stranger': 'Zeile {row}: {value} gehört nicht zu dieser Organisation',
  'upload.hr.notDate': 'Zeile {row}: {column} „{value}“ ist kein Datum (JJJJ-MM-TT)',
  'upload.hr.exitBeforeHire': 'Zeile {row}: exit_date {exit} liegt vor hire_date {hire}',
  'upload.invite.hasAccount': 'Zeile {row}: {value} hat schon ein Konto',
  'upload.invite.noManager':
    'Zeile {row}: Keine aktive Führungskraft in deiner Organisation hat die E-Mail {value}',
  'upload.invite.noCohort': 'Zeile {row}: Es gibt keine Kohorte „{value}“',
  'upload.invite.needCohort': 'Zeile {row}: Nenne eine Kohorte',
  'upload.invite.badRole':
    'Zeile {row}: Die Rolle ist learner oder manager (oder leer), nicht „{value}“',
  'upload.invite.longName': 'Zeile {row}: Ein Name hat höchstens {max} Zeichen',
  'upload.invite.tooMany': 'Die Liste hat {count} Personen; lade höchstens {max} auf einmal ein',
  'upload.hr.moveBeforeHire': 'Zeile {row}: Der interne Wechsel {move} liegt vor hire_date {hire}',
};
