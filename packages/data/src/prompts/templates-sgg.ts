/**
 * Prompt templates for Swiss German Sign Language (DSGS, `sgg`), written in Swiss Standard German
 * (Swiss spelling: "ss", never "ß"; «…» quotes; Swiss words such as "vorzeigen", "Merci").
 * `{}` marks where the sentence goes. Written for SignLLM (not taken from Prompt2Sign).
 */

/**
 * Swiss Standard German question-style prompts asking for a sentence in Deutschschweizer
 * Gebärdensprache.
 *
 * @example
 * ```ts
 * TEMPLATES_SGG[4].replace('{}', 'Grüezi mitenand'); // 'Was heisst «Grüezi mitenand» auf DSGS?'
 * ```
 */
export const TEMPLATES_SGG: readonly string[] = Object.freeze([
  'Mit welchen Gebärden sagt man «{}» in der Deutschschweizer Gebärdensprache?',
  'Bitte zeig mir «{}» in DSGS.',
  'Könnten Sie «{}» in DSGS gebärden? Merci!',
  'Übersetze bitte in die Deutschschweizer Gebärdensprache: {}',
  'Was heisst «{}» auf DSGS?',
  'Ich möchte gerne sehen, wie «{}» in DSGS ausgedrückt wird.',
  '«{}» – wie würde das in DSGS aussehen?',
  'Gebärde den folgenden Satz in DSGS: «{}»',
  'Für einen Kurs in Zürich brauche ich «{}» in DSGS. Kannst du es mir vorzeigen?',
  'Wie würde eine gehörlose Person aus der Deutschschweiz «{}» gebärden?',
  'DSGS, bitte: {}',
  'Zeigen Sie mir bitte, wie «{}» in Deutschschweizer Gebärdensprache gebärdet wird.',
  'Welche Gebärden verwendet man in der DSGS für «{}»?',
  'Kannst du mir {} in DSGS vorgebärden?',
  'Ich lerne DSGS. Wie gebärde ich «{}»?',
  'Bitte setz «{}» in Deutschschweizer Gebärdensprache um.',
  'Wie lautet «{}» in DSGS?',
  'Übertrag diesen Satz in DSGS: "{}"',
  'Wärst du so lieb und würdest «{}» in DSGS gebärden?',
  'Wie drückt jemand, der DSGS gebärdet, «{}» aus?',
  'Ich hätte gerne die DSGS-Version von «{}».',
  'Magst du mir zeigen, wie «{}» in DSGS geht?',
  'Kurz gefragt: Welche DSGS-Gebärden gehören zu {}?',
  'Stellen Sie «{}» bitte in der Deutschschweizer Gebärdensprache dar.',
  'Gibt es in DSGS eine schöne Art, «{}» zu gebärden?',
  'Mach mir bitte «{}» in DSGS vor.',
  'Wie würde man «{}» in der Gebärdensprache der Deutschschweiz ausdrücken?',
  'Gebärde {} in DSGS.',
  'Ich suche die passende DSGS-Übersetzung für «{}».',
  'Erklären Sie mir bitte Schritt für Schritt, wie «{}» in DSGS funktioniert.',
  'Wie würden gehörlose Menschen in Bern oder Zürich «{}» auf DSGS gebärden?',
  'Ich möchte «{}» in DSGS ausdrücken können. Hilfst du mir dabei?',
  'In Deutschschweizer Gebärdensprache, bitte: «{}»',
  'Wie sieht «{}» auf DSGS aus, wenn man es gross und deutlich gebärdet?',
]);
